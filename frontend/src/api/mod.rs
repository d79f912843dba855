//! The one typed GraphQL client of the app: POST `/graphql` through gloo-net, aborted when the view that
//! asked is disposed, with errors a person can read.

pub mod activite;
pub mod candidatures;
pub mod carte;
pub mod comptes;
pub mod coordination;
pub mod diagnostic;
pub mod equipe;
pub mod exports;
pub mod formation;
pub mod lieux;
pub mod notifications;
pub mod postes;
pub mod rapport;
pub mod structures;
pub mod tableau_de_bord;
pub mod territoires;
pub mod vivier;

use leptos::prelude::on_cleanup;
use maillage_shared::ErrorCode;
use send_wrapper::SendWrapper;
use serde::Deserialize;
use serde::de::DeserializeOwned;

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

/// Sends a GraphQL query and decodes its `data`.
pub async fn requete<T: DeserializeOwned>(
    query: &'static str,
    variables: serde_json::Value,
) -> Result<T, ErreurApi> {
    let controleur = SendWrapper::new(web_sys::AbortController::new().ok());
    let signal = controleur.as_ref().map(|c| c.signal());
    // Leaving the page cancels what it was still waiting for.
    on_cleanup(move || {
        if let Some(controleur) = controleur.take() {
            controleur.abort();
        }
    });
    let corps = serde_json::json!({ "query": query, "variables": variables });
    let reponse = gloo_net::http::Request::post("/graphql")
        .abort_signal(signal.as_ref())
        .json(&corps)
        .map_err(|_| ErreurApi::Reseau)?
        .send()
        .await
        .map_err(|_| ErreurApi::Reseau)?;
    let reponse: Reponse<T> = reponse.json().await.map_err(|error| ErreurApi::Serveur {
        code: None,
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
