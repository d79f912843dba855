//! The map of the départements coloured by classes of a figure (a choropleth), drawn as inline SVG: the
//! metropole, and the overseas départements in boxes beside it. Each département is a link to its own map,
//! reached by Tab, named by what it shows ("Finistère : 3 coordinateurs en poste"); the one under the
//! pointer or the focus is outlined and reported through `actif`, for a panel of details beside the map.
//! The map is never the only way to read the figures: the page shows them in a table too.

use std::sync::Arc;

use leptos::ev::{KeyboardEvent, MouseEvent};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use maillage_shared::carte::{Cadre, Formes};

/// DSFR blue-france shades, from the lightest (class 0) to the darkest: each one clearly darker than the
/// one before (relative luminance 0.84, 0.60, 0.29, 0.09, 0.02).
pub const TEINTES: [&str; 5] = ["#ececfe", "#cacafb", "#8585f6", "#2323ff", "#000091"];

/// Outline of a département of class 0 to 2 (dark grey) and of the two darkest classes (white): at least
/// 3.6:1 against the fill it borders.
fn contour(classe: Option<usize>) -> &'static str {
    match classe {
        Some(3..) => "#fff",
        _ => "#3a3a3a",
    }
}

/// The fill of a département without figures: grey hatching, told apart from every class without colour.
const SANS_DONNEE: &str = "url(#carte-sans-donnee)";

/// How one département is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub code: String,
    pub nom: String,
    /// Its class, 0 to 4; `None` when there is no figure to show.
    pub classe: Option<usize>,
    /// The accessible name of its link: "Finistère : 3 coordinateurs en poste".
    pub libelle: String,
}

/// Width and height of the metropole's frame; the overseas boxes stand in a column right of it.
const METROPOLE: f64 = 1010.0;
/// Left edge and width of the column of overseas boxes.
const X_ENCARTS: f64 = 1030.0;
const LARGEUR_ENCART: f64 = 190.0;

/// The map of every département of `formes`, coloured and named by `zones`.
#[component]
pub fn CarteFrance(
    formes: Arc<Formes>,
    zones: Memo<Vec<Zone>>,
    /// The département last pointed at or focused, by code: the one a details panel shows.
    actif: RwSignal<Option<String>>,
    /// What the map shows, its accessible name.
    #[prop(into)]
    titre: Signal<String>,
) -> impl IntoView {
    let reperes = Reperes {
        actif,
        survol: RwSignal::new(None),
        focus: RwSignal::new(None),
    };
    let encarts: Vec<&Cadre> = formes
        .cadres()
        .iter()
        .filter(|c| c.nom() != "metropole")
        .collect();
    let hauteur_case = METROPOLE / encarts.len().max(1) as f64;
    let encarts = encarts
        .into_iter()
        .enumerate()
        .map(|(rang, cadre)| {
            let haut = rang as f64 * hauteur_case;
            let code = cadre.nom().to_owned();
            let nom = move || {
                zones.with(|zones| {
                    zones
                        .iter()
                        .find(|zone| zone.code == code)
                        .map(|zone| zone.nom.clone())
                        .unwrap_or_else(|| code.clone())
                })
            };
            view! {
                <g>
                    <rect x=X_ENCARTS y=haut + 4.0 width=LARGEUR_ENCART height=hauteur_case - 8.0
                        class="maillage-carte__encart"/>
                    <svg x=X_ENCARTS + 10.0 y=haut + 12.0 width=LARGEUR_ENCART - 20.0
                        height=hauteur_case - 60.0 viewBox=view_box(cadre)>
                        <Departements formes=formes.clone() cadre=cadre.nom().to_owned() zones reperes/>
                    </svg>
                    <text x=X_ENCARTS + LARGEUR_ENCART / 2.0 y=haut + hauteur_case - 18.0
                        text-anchor="middle" class="maillage-carte__nom" aria-hidden="true">
                        {nom}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="maillage-carte" viewBox=format!("0 0 {} {METROPOLE}", X_ENCARTS + LARGEUR_ENCART)
            role="group" aria-label=titre>
            <defs>
                <pattern id="carte-sans-donnee" width="8" height="8" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)">
                    <rect width="8" height="8" fill="#fff"/>
                    <line x1="0" y1="0" x2="0" y2="8" stroke="#666" stroke-width="3"/>
                </pattern>
            </defs>
            <Departements formes=formes.clone() cadre="metropole".to_owned() zones reperes/>
            {encarts}
        </svg>
    }
}

/// "0 0 57 50": a frame's viewBox as SVG writes it.
fn view_box(cadre: &Cadre) -> String {
    let [x, y, largeur, hauteur] = cadre.view_box();
    format!("{x} {y} {largeur} {hauteur}")
}

/// Where the reader is on the map, by département code: the one last pointed at or focused (for the
/// details panel), and the ones under the pointer and holding the focus now (outlined, both at once).
#[derive(Clone, Copy)]
struct Reperes {
    actif: RwSignal<Option<String>>,
    survol: RwSignal<Option<String>>,
    focus: RwSignal<Option<String>>,
}

/// The départements of one frame, each a link, and the outlines of the pointed and focused ones drawn over
/// them all (an outline drawn on the shape itself would hide under its neighbours).
#[component]
fn Departements(
    formes: Arc<Formes>,
    cadre: String,
    zones: Memo<Vec<Zone>>,
    reperes: Reperes,
) -> impl IntoView {
    let navigate = use_navigate();
    let Some(dessin) = formes.cadres().iter().find(|c| c.nom() == cadre) else {
        return ().into_any();
    };
    let liens = dessin
        .departements()
        .iter()
        .map(|forme| {
            let code = forme.code().as_str().to_owned();
            let chemin = format!("/carte/{code}");
            let zone = {
                let code = code.clone();
                move || zones.with(|zones| zones.iter().find(|zone| zone.code == code).cloned())
            };
            let classe = {
                let zone = zone.clone();
                move || zone().and_then(|zone| zone.classe)
            };
            // SVG links are not followed by the router: navigate here, on a click or on Enter.
            let aller = {
                let (navigate, chemin) = (navigate.clone(), chemin.clone());
                move || navigate(&chemin, Default::default())
            };
            let au_clic = {
                let aller = aller.clone();
                move |ev: MouseEvent| {
                    if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
                    {
                        ev.prevent_default();
                        aller();
                    }
                }
            };
            let a_la_touche = move |ev: KeyboardEvent| {
                if ev.key() == "Enter" {
                    ev.prevent_default();
                    aller();
                }
            };
            let marquer = {
                let code = code.clone();
                move |repere: RwSignal<Option<String>>| {
                    reperes.actif.set(Some(code.clone()));
                    repere.set(Some(code.clone()));
                }
            };
            let au_survol = marquer.clone();
            view! {
                <g>
                    <a href=chemin aria-label=move || zone().map(|zone| zone.libelle).unwrap_or_default()
                        on:click=au_clic on:keydown=a_la_touche
                        on:mouseenter=move |_| au_survol(reperes.survol)
                        on:mouseleave=move |_| reperes.survol.set(None)
                        on:focus=move |_| marquer(reperes.focus) on:blur=move |_| reperes.focus.set(None)>
                        <path d=forme.d().to_owned()
                            fill={
                                let classe = classe.clone();
                                move || classe().map_or(SANS_DONNEE, |classe| TEINTES[classe.min(4)])
                            }
                            stroke=move || contour(classe())/>
                    </a>
                </g>
            }
        })
        .collect_view();
    let contour = move |repere: RwSignal<Option<String>>| {
        let formes = formes.clone();
        let cadre = cadre.clone();
        move || {
            let code = repere.get()?;
            let (cadre_du_code, forme) = formes.cadre_du_departement(&code)?;
            (cadre_du_code.nom() == cadre).then(|| {
                let d = forme.d().to_owned();
                view! {
                    <g aria-hidden="true" class="maillage-carte__actif">
                        <path d=d.clone() class="maillage-carte__halo"/>
                        <path d=d/>
                    </g>
                }
            })
        }
    };
    view! {
        <g class="maillage-carte__departements">{liens}</g>
        {contour(reperes.survol)}
        {contour(reperes.focus)}
    }
    .into_any()
}

/// The legend of a choropleth: one swatch per class with its bounds, and the hatching of "no data" when
/// some département has none.
#[component]
pub fn LegendeCarte(
    #[prop(into)] titre: Signal<String>,
    /// The label of each class shown, lightest first.
    #[prop(into)]
    classes: Signal<Vec<String>>,
    #[prop(into)] sans_donnee: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="maillage-legende">
            <p class="fr-text--sm fr-text--bold fr-mb-1w">{titre}</p>
            <ul class="fr-raw-list">
                {move || {
                    classes
                        .get()
                        .into_iter()
                        .zip(TEINTES)
                        .map(|(libelle, teinte)| {
                            view! {
                                <li>
                                    <span class="maillage-legende__case" style=format!("background:{teinte}")></span>
                                    {libelle}
                                </li>
                            }
                        })
                        .collect_view()
                }}
                {move || sans_donnee.get().then(|| view! {
                    <li><span class="maillage-legende__case maillage-legende__case--sans-donnee"></span>"Pas de donnée"</li>
                })}
            </ul>
        </div>
    }
}
