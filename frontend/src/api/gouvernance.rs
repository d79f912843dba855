//! The gouvernance of a département: anyone reads it, its préfecture keeps it, the State's agents read its
//! history (`graphql/gouvernance.graphql`). Every change answers with the whole gouvernance.

use chrono::NaiveDate;
use maillage_shared::gouvernance::{
    BesoinAction, FrequenceComite, NatureCollectivite, PerimetreFeuilleDeRoute, TypeComite,
};

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(LireGouvernance, "graphql/gouvernance.graphql");
operation!(HistoriqueDeGouvernance, "graphql/gouvernance.graphql");
operation!(
    ModifierNoteDeGouvernance,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    AjouterMembreDeGouvernance,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    DesignerCoPorteur,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    RetirerMembreDeGouvernance,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    EnregistrerComiteDeGouvernance,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    RetirerComiteDeGouvernance,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    EnregistrerFeuilleDeRoute,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    RetirerFeuilleDeRoute,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    EnregistrerActionDeFeuilleDeRoute,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    RetirerActionDeFeuilleDeRoute,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);

/// A gouvernance as the page shows it.
pub use lire_gouvernance::{
    Gouvernance, GouvernanceComites as Comite, GouvernanceFeuillesDeRoute as FeuilleDeRoute,
    GouvernanceFeuillesDeRouteActions as ActionDeFeuille, GouvernanceMembres as Membre,
};
/// A change of the gouvernance, for the agents.
pub type Changement = historique_de_gouvernance::HistoriqueDeGouvernanceGouvernanceHistorique;

/// The gouvernance of a département and the département's name.
pub async fn lire(departement: &str) -> Result<(Gouvernance, Option<String>), ErreurApi> {
    let reponse = send::<LireGouvernance>(lire_gouvernance::Variables {
        departement_code: departement.to_owned(),
    })
    .await?;
    Ok((reponse.gouvernance, reponse.departement.map(|d| d.nom)))
}

/// Its history, newest first (the State's agents).
pub async fn historique(departement: &str) -> Result<Vec<Changement>, ErreurApi> {
    Ok(
        send::<HistoriqueDeGouvernance>(historique_de_gouvernance::Variables {
            departement_code: departement.to_owned(),
        })
        .await?
        .gouvernance
        .historique,
    )
}

/// Replaces the note of context.
pub async fn modifier_note(departement: &str, note: &str) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<ModifierNoteDeGouvernance>(modifier_note_de_gouvernance::Variables {
            departement_code: departement.to_owned(),
            note: note.to_owned(),
        })
        .await?
        .modifier_note_de_gouvernance,
    )
}

/// Who joins: a structure by SIRET, or a collectivité by its territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NouveauMembre {
    Structure {
        siret: String,
        nom: String,
    },
    Collectivite {
        nature: NatureCollectivite,
        code: String,
    },
}

/// Adds a member.
pub async fn ajouter_membre(
    departement: &str,
    membre: NouveauMembre,
    co_porteur: bool,
) -> Result<Gouvernance, ErreurApi> {
    let membre = match membre {
        NouveauMembre::Structure { siret, nom } => ajouter_membre_de_gouvernance::NouveauMembreEntree {
            siret: Some(siret),
            nom,
            nature: None,
            code: None,
        },
        NouveauMembre::Collectivite { nature, code } => ajouter_membre_de_gouvernance::NouveauMembreEntree {
            siret: None,
            nom: String::new(),
            nature: Some(nature),
            code: Some(code),
        },
    };
    Ok(
        send::<AjouterMembreDeGouvernance>(ajouter_membre_de_gouvernance::Variables {
            departement_code: departement.to_owned(),
            membre,
            co_porteur,
        })
        .await?
        .ajouter_membre_de_gouvernance,
    )
}

/// Makes a member co-porteur, or not.
pub async fn designer_co_porteur(membre: &str, co_porteur: bool) -> Result<Gouvernance, ErreurApi> {
    Ok(send::<DesignerCoPorteur>(designer_co_porteur::Variables {
        membre_id: membre.to_owned(),
        co_porteur,
    })
    .await?
    .designer_co_porteur)
}

/// Removes a member.
pub async fn retirer_membre(membre: &str) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<RetirerMembreDeGouvernance>(retirer_membre_de_gouvernance::Variables {
            membre_id: membre.to_owned(),
        })
        .await?
        .retirer_membre_de_gouvernance,
    )
}

/// Adds a comité.
pub async fn ajouter_comite(
    departement: &str,
    type_comite: TypeComite,
    frequence: FrequenceComite,
    prochaine_reunion: Option<NaiveDate>,
    commentaire: &str,
) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<EnregistrerComiteDeGouvernance>(enregistrer_comite_de_gouvernance::Variables {
            departement_code: departement.to_owned(),
            comite: enregistrer_comite_de_gouvernance::ComiteEntree {
                type_: type_comite,
                frequence,
                prochaine_reunion,
                commentaire: commentaire.to_owned(),
            },
        })
        .await?
        .enregistrer_comite_de_gouvernance,
    )
}

/// Removes a comité.
pub async fn retirer_comite(comite: &str) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<RetirerComiteDeGouvernance>(retirer_comite_de_gouvernance::Variables {
            comite_id: comite.to_owned(),
        })
        .await?
        .retirer_comite_de_gouvernance,
    )
}

/// Adds a feuille de route.
pub async fn ajouter_feuille(
    departement: &str,
    nom: &str,
    perimetre: PerimetreFeuilleDeRoute,
    porteur: Option<String>,
    contexte: &str,
) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<EnregistrerFeuilleDeRoute>(enregistrer_feuille_de_route::Variables {
            departement_code: departement.to_owned(),
            feuille: enregistrer_feuille_de_route::FeuilleDeRouteEntree {
                nom: nom.to_owned(),
                perimetre,
                porteur_id: porteur,
                contexte: contexte.to_owned(),
            },
        })
        .await?
        .enregistrer_feuille_de_route,
    )
}

/// Removes a feuille de route and its actions.
pub async fn retirer_feuille(feuille: &str) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<RetirerFeuilleDeRoute>(retirer_feuille_de_route::Variables {
            feuille_de_route_id: feuille.to_owned(),
        })
        .await?
        .retirer_feuille_de_route,
    )
}

/// Adds an action to a feuille de route.
pub async fn ajouter_action(
    feuille: &str,
    action: &maillage_shared::gouvernance::ActionFeuilleDeRoute,
) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<EnregistrerActionDeFeuilleDeRoute>(enregistrer_action_de_feuille_de_route::Variables {
            feuille_de_route_id: feuille.to_owned(),
            action: enregistrer_action_de_feuille_de_route::ActionDeFeuilleDeRouteEntree {
                nom: action.nom.clone(),
                description: action.description.clone(),
                besoins: action.besoins.clone(),
                budget: action.budget,
                debut: action.debut,
                fin: action.fin,
            },
        })
        .await?
        .enregistrer_action_de_feuille_de_route,
    )
}

/// Removes an action of a feuille de route.
pub async fn retirer_action(action: &str) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<RetirerActionDeFeuilleDeRoute>(retirer_action_de_feuille_de_route::Variables {
            action_id: action.to_owned(),
        })
        .await?
        .retirer_action_de_feuille_de_route,
    )
}

/// The needs, as they read.
pub fn besoins_lisibles(besoins: &[BesoinAction]) -> String {
    besoins.iter().map(|b| b.libelle()).collect::<Vec<_>>().join(", ")
}

operation!(StructuresDAccueil, "graphql/gouvernance.graphql");
operation!(
    DesignerStructureDAccueil,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);
operation!(
    RetirerStructureDAccueil,
    "graphql/gouvernance.graphql",
    response_type = "super::Gouvernance"
);

/// A structure the préfecture identifies as able to host a coordinator.
pub type StructureDAccueil = structures_d_accueil::StructuresDAccueilGouvernanceStructuresDAccueil;

/// The structures able to host, for the agents of the territory.
pub async fn structures_d_accueil(departement: &str) -> Result<Vec<StructureDAccueil>, ErreurApi> {
    Ok(send::<StructuresDAccueil>(structures_d_accueil::Variables {
        departement_code: departement.to_owned(),
    })
    .await?
    .gouvernance
    .structures_d_accueil)
}

/// Identifies a structure able to host, by SIRET (`nom` when Maillage does not know it), with why.
pub async fn designer_structure_d_accueil(
    departement: &str,
    siret: &str,
    nom: &str,
    commentaire: &str,
) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<DesignerStructureDAccueil>(designer_structure_d_accueil::Variables {
            departement_code: departement.to_owned(),
            siret: siret.to_owned(),
            nom: nom.to_owned(),
            commentaire: commentaire.to_owned(),
        })
        .await?
        .designer_structure_d_accueil,
    )
}

/// Takes a structure off the list of those able to host.
pub async fn retirer_structure_d_accueil(id: &str) -> Result<Gouvernance, ErreurApi> {
    Ok(
        send::<RetirerStructureDAccueil>(retirer_structure_d_accueil::Variables { id: id.to_owned() })
            .await?
            .retirer_structure_d_accueil,
    )
}
