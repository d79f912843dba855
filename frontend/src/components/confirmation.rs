//! The question asked before what cannot be undone (a decision, a role given or taken, an account
//! deactivated, a contract ended, a profile erased): a modal dialog that says what will happen and to
//! whom, with the DSFR's modal layout on the browser's own `<dialog>`, so the focus stays inside it, Escape
//! cancels, and the reader is back on the button they pressed afterwards.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Opens as soon as it is drawn: a page shows it while something waits for confirmation, and removes it
/// once confirmed or cancelled.
#[component]
pub fn Confirmation(
    /// The id of its title, unique in the page.
    #[prop(into)]
    id: String,
    /// The question, naming who it concerns: « Valider la candidature de … ? ».
    #[prop(into)]
    titre: String,
    /// What will happen.
    #[prop(into)]
    explication: String,
    /// The confirming button's label: « Oui, valider ».
    #[prop(into)]
    oui: String,
    confirmer: Callback<()>,
    annuler: Callback<()>,
) -> impl IntoView {
    let dialogue = NodeRef::<leptos::html::Dialog>::new();
    // Where the focus was, to bring the reader back there when the dialog goes away.
    let avant = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        if let Some(dialogue) = dialogue.get()
            && !dialogue.open()
        {
            avant.set_value(
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            );
            let _ = dialogue.show_modal();
        }
    });
    on_cleanup(move || {
        if let Some(element) = avant.try_get_value().flatten() {
            request_animation_frame(move || {
                // The button may have been redrawn (a list reloaded): only an element still in the page.
                if element.is_connected() {
                    let _ = element.focus();
                }
            });
        }
    });
    let id_titre = id.clone();
    view! {
        <dialog
            node_ref=dialogue
            class="maillage-modale"
            aria-labelledby=id.clone()
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                annuler.run(());
            }
        >
            <div class="fr-modal__body">
                <div class="fr-modal__header">
                    <button class="fr-btn--close fr-btn" type="button" title="Fermer sans confirmer"
                        on:click=move |_| annuler.run(())>
                        "Fermer"
                    </button>
                </div>
                <div class="fr-modal__content">
                    <h2 id=id_titre class="fr-modal__title">{titre}</h2>
                    <p>{explication}</p>
                </div>
                <div class="fr-modal__footer">
                    <ul class="fr-btns-group fr-btns-group--right fr-btns-group--inline-reverse fr-btns-group--inline-lg">
                        <li>
                            <button class="fr-btn" type="button" on:click=move |_| confirmer.run(())>{oui}</button>
                        </li>
                        <li>
                            <button class="fr-btn fr-btn--secondary" type="button" on:click=move |_| annuler.run(())>
                                "Non, annuler"
                            </button>
                        </li>
                    </ul>
                </div>
            </div>
        </dialog>
    }
}
