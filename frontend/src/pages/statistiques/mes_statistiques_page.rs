//! `/mes-statistiques`: a conseiller's own figures, a coordinator's team's, or the conseillers' of the
//! structure that employs them, over a period, every figure shown, and their download; for conseillers and
//! coordinators, the public link to show them to elected officials and partners (aggregate, small figures
//! withheld, revocable).

use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::role::Role;

use crate::api::comptes::Moi;
use crate::api::tableau_de_bord::{
    Activite, mes_statistiques, mon_partage, partager, revoquer_partage, telechargement,
};
use crate::components::acces::reserve_au_role;
use crate::components::chargement::{afficher, titre};
use crate::components::confirmation::Confirmation;
use crate::components::fil_ariane::FilAriane;
use crate::components::formulaire::{AlerteErreur, AlerteSucces};
use crate::format::horodatage;
use crate::pages::tableau_de_bord::activite::{ChoixPeriode, Statistiques, Telechargements};

const TITRE: &str = "Mes statistiques";

/// The page, for conseillers, coordinators and employers.
#[component]
pub fn MesStatistiquesPage() -> impl IntoView {
    titre(TITRE);
    reserve_au_role(
        TITRE,
        &[Role::Conseiller, Role::Coordinateur, Role::Structure],
        |moi: Moi| {
            let role = moi.role();
            let periode = RwSignal::new((None::<String>, None::<String>));
            let donnees = LocalResource::new(move || {
                let (de, a) = periode.get();
                mes_statistiques(de, a)
            });
            // Read when the figures are drawn, which follows each change of period.
            let fichier = move |format: &str| {
                let (de, a) = periode.get_untracked();
                telechargement(&format!("mes-statistiques.{format}"), &[("de", &de), ("a", &a)])
            };
            view! {
                <FilAriane parents=vec![("Mon espace".to_owned(), "/espace".to_owned())] actuel=TITRE/>
                <h1>{TITRE}</h1>
                <p class="fr-text--lead">
                    {match role {
                        Some(Role::Coordinateur) => "Les accompagnements saisis par les conseillers de votre équipe.",
                        Some(Role::Structure) => "Les accompagnements saisis par les conseillers numériques que votre structure emploie.",
                        _ => "Les accompagnements que vous avez saisis.",
                    }}
                </p>
                <ChoixPeriode prefixe="mes" periode/>
                {afficher(donnees, move |activite: Activite| view! {
                    <Statistiques activite/>
                    <Telechargements csv=fichier("csv") xlsx=fichier("xlsx")/>
                })}
                {(role != Some(Role::Structure)).then(|| view! { <Partage/> })}
            }
        },
    )
}

/// The public link: made (and shown) once, replaced by a new one, revoked after confirmation.
#[component]
fn Partage() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let en_cours = LocalResource::new(move || {
        version.track();
        mon_partage()
    });
    let lien = RwSignal::new(None::<String>);
    let erreur = RwSignal::new(None::<String>);
    let succes = RwSignal::new(None::<String>);
    let a_confirmer = RwSignal::new(false);
    let creer = move |_| {
        erreur.set(None);
        succes.set(None);
        spawn_local(async move {
            match partager().await {
                Ok(jeton) => {
                    let origine = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    lien.set(Some(format!("{origine}/statistiques/{jeton}")));
                    version.update(|v| *v += 1);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    let revoquer = move |()| {
        a_confirmer.set(false);
        erreur.set(None);
        spawn_local(async move {
            match revoquer_partage().await {
                Ok(_) => {
                    lien.set(None);
                    succes.set(Some("Le lien est révoqué : il n’affiche plus rien.".to_owned()));
                    version.update(|v| *v += 1);
                }
                Err(refus) => erreur.set(Some(refus.message())),
            }
        });
    };
    view! {
        <section class="fr-my-6w" aria-labelledby="titre-partage">
            <h2 id="titre-partage" class="fr-h4">"Partager ces statistiques"</h2>
            <p>
                "Un lien public montre ces chiffres sans connexion, à des élus ou des partenaires : seulement des "
                "totaux, jamais le nom d’une personne accompagnée, et « < 5 » pour ce qui concerne moins de cinq "
                "personnes. Vous pouvez le révoquer à tout moment ; en créer un nouveau révoque l’ancien."
            </p>
            <AlerteErreur message=erreur/>
            <AlerteSucces message=succes/>
            {move || lien.get().map(|lien| view! {
                <div class="fr-alert fr-alert--info fr-mb-2w" role="status">
                    <p>"Votre lien de partage (copiez-le maintenant : il ne sera plus affiché) :"</p>
                    <p><a id="lien-partage" href=lien.clone() target="_blank" rel="noopener">{lien.clone()}</a></p>
                </div>
            })}
            {move || a_confirmer.get().then(|| view! {
                <Confirmation id="titre-revoquer" titre="Révoquer le lien de partage ?"
                    explication="Les personnes qui l’ont reçu ne verront plus vos statistiques."
                    oui="Oui, révoquer" confirmer=Callback::new(revoquer)
                    annuler=Callback::new(move |()| a_confirmer.set(false))/>
            })}
            {afficher(en_cours, move |depuis: Option<chrono::DateTime<chrono::Utc>>| match depuis {
                Some(depuis) => view! {
                    <p>{format!("Un lien est actif depuis le {}.", horodatage(&depuis))}</p>
                    <ul class="fr-btns-group fr-btns-group--inline-md">
                        <li><button type="button" class="fr-btn fr-btn--secondary" on:click=creer>"Créer un nouveau lien"</button></li>
                        <li><button type="button" class="fr-btn fr-btn--tertiary" on:click=move |_| a_confirmer.set(true)>"Révoquer le lien"</button></li>
                    </ul>
                }
                .into_any(),
                None => view! {
                    <button type="button" class="fr-btn fr-btn--secondary" on:click=creer>"Créer un lien de partage"</button>
                }
                .into_any(),
            })}
        </section>
    }
}
