//! The one typed GraphQL client of the app. Every operation is written in the `.graphql` document of its
//! module (`frontend/graphql/`), compiled against `schema.graphql` into Rust types: a field renamed or
//! removed on the server breaks this crate's build, not a page in a browser. Requests are a POST to
//! `/graphql` through gloo-net, aborted when the view that asked is disposed, with errors a person can
//! read.

pub mod activite;
pub mod agents;
pub mod candidatures;
pub mod carte;
pub mod comptes;
pub mod conseillers;
pub mod coordination;
pub mod diagnostic;
mod document;
pub mod dossier;
pub mod equipe;
pub mod exports;
pub mod formation;
pub mod gouvernance;
pub mod informations_legales;
pub mod lieux;
pub mod notifications;
pub mod postes;
pub mod rapport;
pub mod rencontre;
pub mod structures;
pub mod tableau_de_bord;
pub mod televersement;
pub mod territoires;
pub mod vivier;

use graphql_client::GraphQLQuery;
use leptos::prelude::on_cleanup;
use maillage_shared::ErrorCode;
use send_wrapper::SendWrapper;
use serde::{Deserialize, Serialize};

/// The names the generated code looks up in its module (each module does `use super::schema::*`): the
/// schema's custom scalars, and the enums the server and the app share, so a status is one Rust type on
/// both sides.
pub mod schema {
    pub type NaiveDate = chrono::NaiveDate;
    pub type DateTime = chrono::DateTime<chrono::Utc>;
    pub type JSON = serde_json::Value;
    pub use maillage_shared::activite::{Autonomie, Canal, Materiel, Orientation, TypeAccompagnement};
    pub use maillage_shared::candidature::pieces::{FormatDePiece, NaturePiece};
    pub use maillage_shared::candidature::{CasDeFigure, ReponseConsultation, StatutCandidature};
    pub use maillage_shared::coordination::{AxeMission, NatureAction, NatureRencontre};
    pub use maillage_shared::equipe::{OrigineMembre, StatutInvitation};
    pub use maillage_shared::formation::EtapeCcp1;
    pub use maillage_shared::gouvernance::{
        BesoinAction, FrequenceComite, NatureCollectivite, PerimetreFeuilleDeRoute, PlaceDansLaGouvernance,
        TypeComite,
    };
    pub use maillage_shared::poste::{Financement, StatutRecrutement, StatutVersement, TypeActe};
    pub use maillage_shared::role::Role;
    pub use maillage_shared::structure::CategorieStructure;
    pub use maillage_shared::subvention::TypeContrat;
    pub use maillage_shared::territoire::{NatureEpci, NatureTerritoire, Zone};
}

/// Declares an operation of a module's document: `operation!(MonProfil, "graphql/postes.graphql")`
/// generates the module `mon_profil` with its `Variables` and `ResponseData`, checked against
/// `schema.graphql`; the response types derive `Debug, Clone, PartialEq` unless `derives = "…"` says
/// otherwise. Options of the generator follow (`response_type = "super::Candidature"` makes an
/// operation whose one field spreads a fragment answer with the type another operation generated for it).
macro_rules! operation {
    ($(#[$attribut:meta])* $nom:ident, $document:tt, derives = $derives:tt $(, $option:ident = $valeur:tt)*) => {
        $(#[$attribut])*
        #[derive(graphql_client::GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = $document,
            extern_enums(
                "Autonomie",
                "AxeMission",
                "BesoinAction",
                "Canal",
                "CasDeFigure",
                "CategorieStructure",
                "EtapeCcp1",
                "Financement",
                "FormatDePiece",
                "FrequenceComite",
                "Materiel",
                "NatureAction",
                "NatureCollectivite",
                "NatureEpci",
                "NatureRencontre",
                "NaturePiece",
                "NatureTerritoire",
                "Orientation",
                "OrigineMembre",
                "PerimetreFeuilleDeRoute",
                "PlaceDansLaGouvernance",
                "ReponseConsultation",
                "Role",
                "StatutCandidature",
                "StatutInvitation",
                "StatutRecrutement",
                "StatutVersement",
                "TypeAccompagnement",
                "TypeActe",
                "TypeComite",
                "TypeContrat",
                "Zone"
            ),
            response_derives = $derives
            $(, $option = $valeur)*
        )]
        pub struct $nom;
    };
    ($(#[$attribut:meta])* $nom:ident, $document:tt $(, $option:ident = $valeur:tt)*) => {
        $crate::api::operation!(
            $(#[$attribut])* $nom, $document, derives = "Debug, Clone, PartialEq" $(, $option = $valeur)*
        );
    };
}
pub(crate) use operation;

/// Why a request failed, as shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub enum ErreurApi {
    /// The server could not be reached (offline, server down).
    Reseau,
    /// The server answered with an error.
    Serveur {
        code: Option<ErrorCode>,
        message: String,
    },
}

impl ErreurApi {
    /// A French sentence for the person using the app.
    pub fn message(&self) -> String {
        match self {
            Self::Reseau => "Le serveur est injoignable. Vérifiez votre connexion puis réessayez.".to_owned(),
            // Codes the user can act on carry a specific message from the server (what to change); the
            // others get the generic one, so nothing internal reaches the screen.
            Self::Serveur {
                code: Some(code),
                message,
            } if code.message_serveur_affichable() => message.clone(),
            Self::Serveur { code: Some(code), .. } => code.message_fr().to_owned(),
            Self::Serveur { code: None, .. } => ErrorCode::Internal.message_fr().to_owned(),
        }
    }
}

#[derive(Deserialize)]
struct Reponse<T> {
    data: Option<T>,
    #[serde(default)]
    errors: Vec<ErreurGraphql>,
}

#[derive(Deserialize)]
struct ErreurGraphql {
    message: String,
    #[serde(default)]
    extensions: Option<Extensions>,
}

#[derive(Deserialize)]
struct Extensions {
    code: Option<String>,
}

/// The body of a request: the operation and the fragments it spreads, cut from its module's document.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Corps<'a, V> {
    query: String,
    operation_name: &'a str,
    variables: V,
}

/// Sends an operation generated from a module's `.graphql` document and decodes its `data`.
pub async fn send<Q: GraphQLQuery>(variables: Q::Variables) -> Result<Q::ResponseData, ErreurApi> {
    send_as::<Q, Q::ResponseData>(variables).await
}

/// Sends an operation generated from a module's `.graphql` document (checked against the schema) and
/// decodes its `data` as `R`: a type of the same shape built from another operation's fragment types, so one
/// page component reads the answers of several operations.
pub async fn send_as<Q: GraphQLQuery, R: serde::de::DeserializeOwned>(
    variables: Q::Variables,
) -> Result<R, ErreurApi> {
    let operation = Q::build_query(variables);
    let corps = Corps {
        query: document::operation(operation.query, operation.operation_name),
        operation_name: operation.operation_name,
        variables: operation.variables,
    };
    let controleur = SendWrapper::new(web_sys::AbortController::new().ok());
    let signal = controleur.as_ref().map(|c| c.signal());
    // Leaving the page cancels what it was still waiting for.
    on_cleanup(move || {
        if let Some(controleur) = controleur.take() {
            controleur.abort();
        }
    });
    let reponse = gloo_net::http::Request::post("/graphql")
        .abort_signal(signal.as_ref())
        .json(&corps)
        .map_err(|_| ErreurApi::Reseau)?
        .send()
        .await
        .map_err(|_| ErreurApi::Reseau)?;
    // A body that is not GraphQL's JSON with a 502/503/504 comes from the proxy in front: the service is
    // coming back, not broken.
    let passerelle = matches!(reponse.status(), 502..=504);
    let reponse: Reponse<R> = reponse.json().await.map_err(|error| ErreurApi::Serveur {
        code: passerelle.then_some(ErrorCode::Unavailable),
        message: error.to_string(),
    })?;
    if let Some(erreur) = reponse.errors.into_iter().next() {
        let code = erreur
            .extensions
            .and_then(|e| e.code)
            .and_then(|code| ErrorCode::parse(&code));
        return Err(ErreurApi::Serveur {
            code,
            message: erreur.message,
        });
    }
    reponse.data.ok_or(ErreurApi::Serveur {
        code: None,
        message: "réponse vide".to_owned(),
    })
}
