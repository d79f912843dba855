//! The dashboard's table by département, sorted by any column (each new order is announced), with the
//! links to each département's page and map.

use std::cmp::Ordering;

use leptos::prelude::*;
use maillage_shared::format::nombre;

use crate::api::tableau_de_bord::LigneDepartement;
use crate::components::tableau_triable::{TableauTriable, Tri};
use crate::format::{decimal, pourcentage};

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Colonne {
    Departement,
    Population,
    Coordinateurs,
    Conseillers,
    ConseillersPourDixMille,
    LieuxPourDixMille,
    Candidatures,
    Couverture,
}

impl Colonne {
    /// Every column, in the table's order.
    const ALL: [Self; 8] = [
        Self::Departement,
        Self::Population,
        Self::Coordinateurs,
        Self::Conseillers,
        Self::ConseillersPourDixMille,
        Self::LieuxPourDixMille,
        Self::Candidatures,
        Self::Couverture,
    ];

    /// The header.
    fn libelle(self) -> &'static str {
        match self {
            Self::Departement => "Département",
            Self::Population => "Population",
            Self::Coordinateurs => "Coordinateurs en poste",
            Self::Conseillers => "Conseillers numériques",
            Self::ConseillersPourDixMille => "Conseillers pour 10 000 habitants",
            Self::LieuxPourDixMille => "Lieux pour 10 000 habitants",
            Self::Candidatures => "Candidatures déposées",
            Self::Couverture => "Population couverte",
        }
    }

    /// Whether it holds figures (right-aligned).
    fn chiffres(self) -> bool {
        self != Self::Departement
    }

    /// The order of two lines by this column, smallest first (départements by code).
    fn comparer(self, a: &LigneDepartement, b: &LigneDepartement) -> Ordering {
        let (x, y) = (&a.indicateurs, &b.indicateurs);
        match self {
            Self::Departement => a.departement.code.cmp(&b.departement.code),
            Self::Population => x.population.cmp(&y.population),
            Self::Coordinateurs => x.coordinateurs.cmp(&y.coordinateurs),
            Self::Conseillers => x.conseillers.cmp(&y.conseillers),
            Self::ConseillersPourDixMille => x
                .conseillers_pour_dix_mille
                .total_cmp(&y.conseillers_pour_dix_mille),
            Self::LieuxPourDixMille => x.lieux_pour_dix_mille.total_cmp(&y.lieux_pour_dix_mille),
            Self::Candidatures => x.candidatures.cmp(&y.candidatures),
            Self::Couverture => x.part_population_couverte.total_cmp(&y.part_population_couverte),
        }
        // Equal figures keep the départements in code order.
        .then_with(|| a.departement.code.cmp(&b.departement.code))
    }
}

/// The sortable table of the départements, each with a link to its page and to its map.
#[component]
pub fn TableauDepartements(
    /// Caption of the table.
    #[prop(into)]
    legende: String,
    lignes: Vec<LigneDepartement>,
) -> impl IntoView {
    // The server lists the départements in code order, the first column's.
    let tri = RwSignal::new(Tri {
        colonne: 0,
        croissant: true,
    });
    let colonnes = Colonne::ALL
        .into_iter()
        .map(|colonne| (colonne.libelle(), colonne.chiffres()))
        .collect();
    let rangees = move || {
        let Tri { colonne, croissant } = tri.get();
        let colonne = Colonne::ALL.get(colonne).copied().unwrap_or(Colonne::Departement);
        let mut triees = lignes.clone();
        triees.sort_by(|a, b| {
            if croissant {
                colonne.comparer(a, b)
            } else {
                colonne.comparer(b, a)
            }
        });
        triees
            .into_iter()
            .map(|ligne| view! { <Ligne ligne/> })
            .collect_view()
    };
    // Said after each new order: the header's aria-sort is only read when the focus reaches it.
    let annonce = Memo::new(move |precedent: Option<&Option<String>>| {
        let Tri { colonne, croissant } = tri.get();
        let libelle = Colonne::ALL.get(colonne).map_or("", |colonne| colonne.libelle());
        let sens = if croissant {
            "ordre croissant"
        } else {
            "ordre décroissant"
        };
        precedent.map(|_| format!("Tableau trié par {}, {sens}.", libelle.to_lowercase()))
    });
    view! {
        <TableauTriable legende colonnes tri>
            {rangees}
        </TableauTriable>
        <p class="fr-sr-only" aria-live="polite">{move || annonce.get()}</p>
    }
}

/// One département's line.
#[component]
fn Ligne(ligne: LigneDepartement) -> impl IntoView {
    let LigneDepartement {
        departement,
        indicateurs,
    } = ligne;
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/territoires/departements/{}", departement.code)>
                    {format!("{} ({})", departement.nom, departement.code)}
                </a>
                <br/>
                <a class="fr-link fr-link--sm" href=format!("/carte/{}", departement.code)>
                    "Carte"
                    <span class="fr-sr-only">{format!(" du département {}", departement.code)}</span>
                </a>
            </th>
            <td class="maillage-chiffres">{nombre(indicateurs.population)}</td>
            <td class="maillage-chiffres">{nombre(indicateurs.coordinateurs)}</td>
            <td class="maillage-chiffres">{nombre(indicateurs.conseillers)}</td>
            <td class="maillage-chiffres">{decimal(indicateurs.conseillers_pour_dix_mille, 2)}</td>
            <td class="maillage-chiffres">{decimal(indicateurs.lieux_pour_dix_mille, 2)}</td>
            <td class="maillage-chiffres">{nombre(indicateurs.candidatures)}</td>
            <td class="maillage-chiffres">{pourcentage(indicateurs.part_population_couverte)}</td>
        </tr>
    }
}
