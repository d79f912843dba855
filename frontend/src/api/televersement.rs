//! Sending a file as a request's body: a CSV to one of the import routes (`POST /imports/…`), a document
//! of a candidature (`POST /candidatures/{id}/pieces`). Through XMLHttpRequest rather than
//! fetch: it is the browser API that reports an upload's progress, which a file of several megabytes needs.

use maillage_shared::ErrorCode;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::ErreurApi;

/// Sends `fichier` to `chemin` declared as `type_contenu` and reads the JSON answer; `progression` receives
/// the share sent, 0 to 1, as the upload goes.
pub async fn televerser<T: DeserializeOwned>(
    chemin: &str,
    type_contenu: &str,
    fichier: web_sys::File,
    progression: impl Fn(f64) + 'static,
) -> Result<T, ErreurApi> {
    let reseau = |_| ErreurApi::Reseau;
    let xhr = web_sys::XmlHttpRequest::new().map_err(reseau)?;
    xhr.open_with_async("POST", chemin, true).map_err(reseau)?;
    xhr.set_request_header("Content-Type", type_contenu)
        .map_err(reseau)?;
    let sur_progression =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                progression(ev.loaded() / ev.total());
            }
        });
    xhr.upload()
        .map_err(reseau)?
        .set_onprogress(Some(sur_progression.as_ref().unchecked_ref()));
    // The request's end settles a promise the future awaits: load (any HTTP status) or a network failure.
    let fin = js_sys::Promise::new(&mut |resoudre, rejeter| {
        xhr.set_onload(Some(&resoudre));
        xhr.set_onerror(Some(&rejeter));
        xhr.set_onabort(Some(&rejeter));
    });
    xhr.send_with_opt_blob(Some(&fichier)).map_err(reseau)?;
    let termine = wasm_bindgen_futures::JsFuture::from(fin).await;
    drop(sur_progression);
    termine.map_err(reseau)?;
    let statut = xhr.status().map_err(reseau)?;
    let texte = xhr.response_text().map_err(reseau)?.unwrap_or_default();
    if statut == 200 {
        return serde_json::from_str(&texte).map_err(|_| ErreurApi::Serveur {
            code: None,
            message: "Réponse illisible du serveur.".to_owned(),
        });
    }
    let code = xhr
        .get_response_header("x-error-code")
        .ok()
        .flatten()
        .and_then(|code| ErrorCode::parse(&code));
    Err(ErreurApi::Serveur { code, message: texte })
}
