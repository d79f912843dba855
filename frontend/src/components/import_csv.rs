//! The form of a CSV import (the lieux of the standard, the programme's conseillers): the file, the upload's
//! progress, the answer, and each refused line with its number and reason.

use std::future::Future;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::format::nombre;
use maillage_shared::lieu::ErreurLigne;

use crate::api::ErreurApi;
use crate::components::formulaire::{AlerteErreur, AlerteSucces, fichier_choisi};
use crate::components::tableau::Tableau;

/// Refused lines listed (the count says how many more).
const LIGNES_MONTREES: usize = 200;

/// What an import answers: the sentence that sums it up, and the refused lines.
pub type Resultat = Result<(String, Vec<ErreurLigne>), ErreurApi>;

/// The form. `envoyer` sends the file, reporting the share sent (0 to 1) as it goes; `children` are the
/// import's options, shown above the button.
#[component]
pub fn ImportCsv<F, Fut>(
    /// The file field's id.
    id: &'static str,
    libelle: &'static str,
    indice: &'static str,
    taille_max: f64,
    /// The message for a file over `taille_max`.
    trop_gros: &'static str,
    envoyer: F,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    F: Fn(web_sys::File, Box<dyn Fn(f64)>) -> Fut + 'static,
    Fut: Future<Output = Resultat> + 'static,
{
    let fichier = NodeRef::<leptos::html::Input>::new();
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let refusees = RwSignal::new(Vec::<ErreurLigne>::new());
    // Share of the file sent, 0 to 100, while an import runs.
    let envoi = RwSignal::new(None::<u32>);
    let soumettre = move |ev: SubmitEvent| {
        ev.prevent_default();
        if envoi.get_untracked().is_some() {
            return;
        }
        erreur.set(None);
        succes.set(None);
        refusees.set(Vec::new());
        let choisi = match fichier_choisi(fichier, taille_max, trop_gros) {
            Ok(choisi) => choisi,
            Err(probleme) => {
                erreur.set(Some(probleme));
                return;
            }
        };
        envoi.set(Some(0));
        let suivi = move |part: f64| envoi.set(Some((part * 100.0).round().clamp(0.0, 100.0) as u32));
        let import = envoyer(choisi, Box::new(suivi));
        spawn_local(async move {
            match import.await {
                Ok((phrase, lignes)) => {
                    succes.set(Some(phrase));
                    refusees.set(lignes);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
            envoi.set(None);
        });
    };
    let progression = format!("{id}-progression");
    let lignes = move || {
        refusees
            .get()
            .into_iter()
            .take(LIGNES_MONTREES)
            .map(|e| view! { <tr><td>{e.ligne}</td><td>{e.motif}</td></tr> })
            .collect_view()
    };
    view! {
        <form on:submit=soumettre novalidate>
            <div class="fr-upload-group fr-mb-2w">
                <label class="fr-label" for=id>
                    {libelle}
                    <span class="fr-hint-text">{indice}</span>
                </label>
                <input class="fr-upload" type="file" id=id accept=".csv,text/csv" node_ref=fichier/>
            </div>
            {children.map(|options| options())}
            <div role="status">
                {move || envoi.get().map(|pourcent| view! {
                    <p class="fr-mb-1w" id=progression.clone()>
                        {if pourcent < 100 {
                            format!("Envoi du fichier : {pourcent} %")
                        } else {
                            "Fichier envoyé, import en cours…".to_owned()
                        }}
                    </p>
                    <progress class="maillage-progression" max="100" value=pourcent
                        aria-labelledby=progression.clone()>{format!("{pourcent} %")}</progress>
                })}
            </div>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            <button class="fr-btn" type="submit" disabled=move || envoi.get().is_some()>"Importer"</button>
        </form>
        {move || {
            let nombre_refus = refusees.with(Vec::len);
            (nombre_refus > 0).then(|| view! {
                <div class="fr-mt-4w">
                    {(nombre_refus > LIGNES_MONTREES).then(|| view! {
                        <p>{format!("Les {LIGNES_MONTREES} premières lignes refusées sur {} :", nombre(nombre_refus as i64))}</p>
                    })}
                    <Tableau legende="Lignes refusées du fichier" colonnes=vec![("Ligne", true), ("Motif", false)]>
                        {lignes}
                    </Tableau>
                </div>
            })
        }}
    }
}
