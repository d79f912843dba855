//! The convention (or avenant) of a validated post: the structure requests it once its coordinator is in
//! post; ANCT records its signature, which schedules the instalments (the first funding in one payment the
//! month after, the second year by year as configured), then each one's payment, and when needed its
//! suspension (resumed later) or its reclaiming, each with its reason, which the structure reads here with
//! what was paid and what remains.

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use maillage_shared::candidature::{COMMENTAIRE_MAX, COMMENTAIRE_MIN, Commentaire};
use maillage_shared::poste::{Financement, StatutVersement, TypeActe, mois_de_paiement};
use maillage_shared::role::Role;

use super::contexte::{Suivi, recharger};
use crate::api::candidatures::lire_candidature::ConventionVersements as Versement;
use crate::api::postes::{ActeAnct, Convention, demander_convention, enregistrer_acte};
use crate::components::formulaire::{AlerteErreur, ChampTexte, Message, ZoneTexte};
use crate::components::tableau::Tableau;
use crate::format::{aujourd_hui, date, euros, mois};
use crate::pages::conventions::conventions_page::libelle_acte;

/// What the act is, in one sentence.
fn explication(acte: TypeActe) -> &'static str {
    match acte {
        TypeActe::Convention => {
            "Une convention propre au poste de coordinateur, signée même si la structure a déjà une convention \
             pour ses conseillers numériques."
        }
        TypeActe::Avenant => {
            "Un avenant modifie la première convention de la structure : le poste déjà financé devient un poste \
             de coordinateur, dont le financement commence à la fin du financement initial."
        }
    }
}

/// The convention section of a validated candidature.
#[component]
pub fn ConventionDuPoste(role: Option<Role>) -> impl IntoView {
    let donnees = Suivi::du_contexte().donnees;
    let convention = Memo::new(move |_| donnees.with(|c| c.convention.clone()));
    let structure = role == Some(Role::Structure);
    let anct = role == Some(Role::Anct);
    view! {
        <section class="fr-mb-4w" aria-labelledby="titre-convention">
            <h2 id="titre-convention" class="fr-h4">"Convention"</h2>
            {move || match convention.get() {
                None if structure => view! { <DemandeConvention/> }.into_any(),
                None => view! {
                    <p>
                        "La structure n’a pas encore demandé sa convention : elle la demande une fois son "
                        "coordinateur en poste."
                    </p>
                }
                .into_any(),
                Some(convention) => view! {
                    <FicheConvention convention=convention.clone()/>
                    {anct.then(|| view! { <GestesAnct convention/> })}
                }
                .into_any(),
            }}
        </section>
    }
}

/// The structure's request, possible once a coordinator is in post.
#[component]
fn DemandeConvention() -> impl IntoView {
    let Suivi { donnees, annonce } = Suivi::du_contexte();
    let en_poste = Memo::new(move |_| donnees.with(|c| c.coordinateurs.iter().any(|c| c.parti_le.is_none())));
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);
    let demander = move |_| {
        if en_cours.get_untracked() {
            return;
        }
        erreur.set(None);
        en_cours.set(true);
        let id = donnees.with_untracked(|c| c.id.clone());
        spawn_local(async move {
            let resultat = async {
                demander_convention(&id).await?;
                en_cours.set(false);
                recharger(
                    donnees,
                    annonce,
                    "Votre demande de convention est envoyée à l’ANCT, qui en enregistrera la signature."
                        .to_owned(),
                )
                .await
            };
            if let Err(refus) = resultat.await {
                erreur.set(Some(refus.message()));
                en_cours.set(false);
            }
        });
    };
    view! {
        {move || {
            if en_poste.get() {
                view! {
                    <p>
                        "Votre coordinateur est en poste : demandez la convention de ce poste. L’ANCT la signe, "
                        "puis la subvention est versée en une fois le mois suivant la signature."
                    </p>
                    <button class="fr-btn" type="button" disabled=move || en_cours.get() on:click=demander>
                        "Demander la convention"
                    </button>
                }
                .into_any()
            } else {
                view! { <p>"La convention se demande une fois le coordinateur en poste."</p> }.into_any()
            }
        }}
        <AlerteErreur message=erreur/>
    }
}

/// Where the convention stands: act, dates, its instalments with what was paid and what remains, and any
/// suspension or reclaiming with its reason.
#[component]
fn FicheConvention(convention: Convention) -> impl IntoView {
    let periode = convention
        .debut_financement
        .zip(convention.fin_financement)
        .map(|(debut, fin)| format!("Du {} au {}", date(debut), date(fin)))
        .unwrap_or_else(|| "Fixée à la signature".to_owned());
    let bilan = &convention.bilan_des_versements;
    let signee = convention.signee_le.is_some();
    let resume = format!(
        "Versé : {} ; reste à verser : {}{}",
        euros(bilan.verse_euros),
        euros(bilan.reste_a_verser_euros),
        if bilan.a_rembourser_euros > 0 {
            format!(" ; à rembourser : {}", euros(bilan.a_rembourser_euros))
        } else {
            String::new()
        }
    );
    let alertes = convention
        .versements
        .iter()
        .filter(|v| matches!(v.statut, StatutVersement::Suspendu | StatutVersement::ARembourser))
        .map(|v| {
            let (classe, titre) = if v.statut == StatutVersement::Suspendu {
                (
                    "fr-alert fr-alert--warning fr-mt-3w",
                    format!("Versement de {} suspendu", v.mois),
                )
            } else {
                (
                    "fr-alert fr-alert--error fr-mt-3w",
                    format!("Remboursement demandé : versement de {}", v.mois),
                )
            };
            view! {
                <div class=classe>
                    <h3 class="fr-alert__title">{titre}</h3>
                    <p class="maillage-texte">{format!("Motif : {}", v.motif.clone().unwrap_or_default())}</p>
                </div>
            }
        })
        .collect_view();
    let lignes = convention
        .versements
        .iter()
        .map(|v| {
            let etat = match (v.statut, v.paye_le.map(date)) {
                (StatutVersement::Paye | StatutVersement::ARembourser, Some(paye)) => {
                    format!("{} (payé le {paye})", v.libelle_statut)
                }
                _ => v.libelle_statut.to_owned(),
            };
            view! {
                <tr>
                    <td>{libelle_financement(v)}</td>
                    <td>{v.mois.clone()}</td>
                    <td class="fr-cell--right">{euros(v.montant_euros)}</td>
                    <td>{etat}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="fr-text--bold fr-mb-1w">{libelle_acte(convention.type_acte)}</p>
        <p>{explication(convention.type_acte)}</p>
        <dl class="maillage-fiche">
            <dt>"Subvention"</dt>
            <dd>{euros(convention.montant_euros)}</dd>
            <dt>"Demandée le"</dt>
            <dd>{date(convention.demandee_le)}</dd>
            <dt>"Signée le"</dt>
            <dd>
                {convention
                    .signee_le
                    .map(date)
                    .unwrap_or_else(|| "En attente de la signature de l’ANCT".to_owned())}
            </dd>
            <dt>"Période de financement"</dt>
            <dd>{periode}</dd>
        </dl>
        {signee.then(|| view! {
            <div class="fr-callout fr-mt-3w">
                <p class="fr-callout__text">{resume}</p>
            </div>
            <Tableau legende="Versements de la subvention" colonnes=vec![("Financement", false), ("Mois", false), ("Montant", true), ("État", false)]>
                {lignes}
            </Tableau>
        })}
        {alertes}
    }
}

/// « Premier financement », « Second financement, année 2 ».
fn libelle_financement(v: &Versement) -> String {
    match v.financement {
        Financement::Premier => Financement::Premier.libelle().to_owned(),
        Financement::Second => format!("{}, année {}", Financement::Second.libelle(), v.rang),
    }
}

/// What ANCT may record on a convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Geste {
    Signature,
    Paiement,
    Suspension,
    Reprise,
    Remboursement,
}

impl Geste {
    fn titre(self) -> &'static str {
        match self {
            Self::Signature => "Enregistrer la signature",
            Self::Paiement => "Enregistrer le paiement",
            Self::Suspension => "Suspendre le paiement",
            Self::Reprise => "Reprendre le versement",
            Self::Remboursement => "Demander le remboursement",
        }
    }

    /// Prefix of the ids of its form.
    fn nom(self) -> &'static str {
        match self {
            Self::Signature => "signature",
            Self::Paiement => "paiement",
            Self::Suspension => "suspension",
            Self::Reprise => "reprise",
            Self::Remboursement => "remboursement",
        }
    }

    /// A day is recorded (signature, payment), or a reason (suspension, reimbursement).
    fn par_date(self) -> bool {
        matches!(self, Self::Signature | Self::Paiement)
    }

    fn libelle(self) -> &'static str {
        match self {
            Self::Signature => "Date de signature",
            Self::Paiement => "Date du versement",
            Self::Suspension => "Motif de la suspension (obligations non remplies)",
            Self::Reprise => "",
            Self::Remboursement => "Motif de la demande de remboursement (missions sans rapport)",
        }
    }

    fn annonce(self, jour: Option<NaiveDate>) -> String {
        match self {
            Self::Signature => format!(
                "La signature est enregistrée : premier versement prévu en {}. La structure en est informée.",
                jour.map(|jour| mois(mois_de_paiement(jour))).unwrap_or_default()
            ),
            Self::Paiement => "Le versement est enregistré. La structure en est informée.".to_owned(),
            Self::Suspension => {
                "Le paiement est suspendu. La structure en est informée, avec le motif.".to_owned()
            }
            Self::Reprise => "Le versement est repris. La structure en est informée.".to_owned(),
            Self::Remboursement => {
                "Le remboursement est demandé. La structure en est informée, avec le motif.".to_owned()
            }
        }
    }
}

/// ANCT's forms, those the state allows: the signature before anything; then, on the next scheduled
/// instalment, its payment or its suspension; on a suspended one, its resumption; on the latest paid one,
/// its reclaiming.
#[component]
fn GestesAnct(convention: Convention) -> impl IntoView {
    if convention.signee_le.is_none() {
        return view! {
            <FormulaireGeste id=convention.id.clone() geste=Geste::Signature depuis=Some(convention.demandee_le) objet=String::new()/>
        }
        .into_any();
    }
    let objet = |v: &Versement| format!("Versement de {} prévu en {}", euros(v.montant_euros), v.mois);
    let prochain = convention
        .versements
        .iter()
        .find(|v| v.statut == StatutVersement::Prevu);
    let suspendu = convention
        .versements
        .iter()
        .find(|v| v.statut == StatutVersement::Suspendu);
    let dernier_paye = convention
        .versements
        .iter()
        .rev()
        .find(|v| v.statut == StatutVersement::Paye);
    let gestes = [
        prochain.map(|v| (v, Geste::Paiement, convention.signee_le)),
        prochain.map(|v| (v, Geste::Suspension, None)),
        suspendu.map(|v| (v, Geste::Reprise, None)),
        dernier_paye.map(|v| (v, Geste::Remboursement, None)),
    ];
    gestes
        .into_iter()
        .flatten()
        .map(|(v, geste, depuis)| {
            view! { <FormulaireGeste id=v.id.clone() geste depuis objet=objet(v)/> }
        })
        .collect_view()
        .into_any()
}

/// One of ANCT's forms: a day between `depuis` and today, a reason of 10 to 1000 characters, or nothing
/// (a resumption).
#[component]
fn FormulaireGeste(
    /// The convention's id (signature) or the instalment's.
    id: String,
    geste: Geste,
    /// The earliest day allowed (the request, or the signature).
    depuis: Option<NaiveDate>,
    /// What it applies to, under its title (« Versement de 40 000 € prévu en février 2026 »).
    objet: String,
) -> impl IntoView {
    let Suivi { donnees, annonce } = Suivi::du_contexte();
    let nom = geste.nom();
    let titre_id = format!("titre-{nom}");
    let jour = RwSignal::new(aujourd_hui().map(|jour| jour.to_string()).unwrap_or_default());
    let motif = RwSignal::new(String::new());
    let erreur = RwSignal::new(None::<String>);
    let en_cours = RwSignal::new(false);

    let message_jour = Signal::derive(move || {
        let choisi = NaiveDate::parse_from_str(jour.get().trim(), "%Y-%m-%d").ok()?;
        (geste == Geste::Signature).then(|| {
            Message::Info(format!(
                "Paiement prévu en {} : le mois suivant la signature.",
                mois(mois_de_paiement(choisi))
            ))
        })
    });
    let compteur = Signal::derive(move || {
        let longueur = motif.with(|t| t.trim().chars().count());
        let texte = format!(
            "{longueur} caractère{} sur {COMMENTAIRE_MAX} ({COMMENTAIRE_MIN} au moins).",
            if longueur > 1 { "s" } else { "" }
        );
        Some(if (COMMENTAIRE_MIN..=COMMENTAIRE_MAX).contains(&longueur) {
            Message::Valide(texte)
        } else {
            Message::Info(texte)
        })
    });

    let envoyer = move |ev: SubmitEvent| {
        ev.prevent_default();
        if en_cours.get_untracked() {
            return;
        }
        let (acte, choisi) = if geste == Geste::Reprise {
            (ActeAnct::Reprise, None)
        } else if geste.par_date() {
            let Ok(choisi) = NaiveDate::parse_from_str(jour.get_untracked().trim(), "%Y-%m-%d") else {
                erreur.set(Some("Indiquez la date.".to_owned()));
                return;
            };
            if depuis.is_some_and(|depuis| choisi < depuis) || aujourd_hui().is_some_and(|auj| choisi > auj) {
                erreur.set(Some(format!(
                    "La date doit être comprise entre le {} et aujourd’hui.",
                    depuis.map(date).unwrap_or_default()
                )));
                return;
            }
            let acte = if geste == Geste::Signature {
                ActeAnct::Signature(choisi)
            } else {
                ActeAnct::Paiement(choisi)
            };
            (acte, Some(choisi))
        } else {
            let texte = match Commentaire::parse(&motif.get_untracked()) {
                Ok(texte) => texte.as_str().to_owned(),
                Err(refus) => {
                    erreur.set(Some(refus.to_string()));
                    return;
                }
            };
            let acte = if geste == Geste::Suspension {
                ActeAnct::Suspension(texte)
            } else {
                ActeAnct::Remboursement(texte)
            };
            (acte, None)
        };
        erreur.set(None);
        en_cours.set(true);
        let cible = id.clone();
        spawn_local(async move {
            let resultat = async {
                enregistrer_acte(&cible, &acte).await?;
                en_cours.set(false);
                recharger(donnees, annonce, geste.annonce(choisi)).await
            };
            if let Err(refus) = resultat.await {
                erreur.set(Some(refus.message()));
                en_cours.set(false);
            }
        });
    };

    let champ = if geste == Geste::Reprise {
        ().into_any()
    } else if geste.par_date() {
        view! {
            <ChampTexte
                id=format!("{nom}-date")
                libelle=geste.libelle()
                type_="date"
                min=depuis.map(|jour| jour.to_string()).unwrap_or_default()
                max=aujourd_hui().map(|jour| jour.to_string()).unwrap_or_default()
                valeur=jour
                message=message_jour
            />
        }
        .into_any()
    } else {
        view! {
            <ZoneTexte
                id=format!("{nom}-motif")
                libelle=geste.libelle()
                indice=format!(
                    "De {COMMENTAIRE_MIN} à {COMMENTAIRE_MAX} caractères ; la structure le lira."
                )
                valeur=motif
                message=compteur
                lignes=3
                longueur_max=COMMENTAIRE_MAX
            />
        }
        .into_any()
    };
    let classe_bouton = if geste.par_date() {
        "fr-btn"
    } else {
        "fr-btn fr-btn--secondary"
    };
    view! {
        <div class="fr-mt-3w maillage-verdict">
            <h3 id=titre_id class="fr-h6">{geste.titre()}</h3>
            {(!objet.is_empty()).then(|| view! { <p class="fr-text--sm">{objet}</p> })}
            <form on:submit=envoyer novalidate>
                {champ}
                <AlerteErreur message=erreur/>
                <button class=classe_bouton type="submit" disabled=move || en_cours.get()>{geste.titre()}</button>
            </form>
        </div>
    }
}
