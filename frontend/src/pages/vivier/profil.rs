//! The profile of a person of the candidate pool, as they fill it when they register and when they
//! change it: where they live and how far they would go, when they are available, their experience,
//! diplomas and certifications, and their consent to be seen.

use chrono::NaiveDate;
use leptos::prelude::*;
use maillage_shared::territoire::CodeCommune;

use crate::api::postes::{Profil, ProfilCandidat};
use crate::components::commune::ChampCommune;
use crate::components::formulaire::{Case, ChampTexte, ZoneTexte};

/// Longest experience or diplomas the server accepts.
const TEXTE_MAX: usize = 3000;

/// Farthest mobility the server accepts, in kilometres.
const RAYON_MAX: i64 = 1000;

/// The consent, word for word: the profile is only shown to structures once the person ticks it.
pub const CONSENTEMENT: &str =
    "J’accepte que mon profil soit visible des structures dont la candidature a été validée";

/// What the person is typing, one signal per field.
#[derive(Clone, Copy)]
pub struct SaisieProfil {
    pub commune: RwSignal<String>,
    pub rayon: RwSignal<String>,
    pub disponible_le: RwSignal<String>,
    pub experience: RwSignal<String>,
    pub diplomes: RwSignal<String>,
    pub pix: RwSignal<bool>,
    pub ccp1: RwSignal<bool>,
    pub visible: RwSignal<bool>,
}

impl SaisieProfil {
    /// An empty profile; the consent is not given until the person ticks it.
    pub fn vide() -> Self {
        Self {
            commune: RwSignal::new(String::new()),
            rayon: RwSignal::new("30".to_owned()),
            disponible_le: RwSignal::new(String::new()),
            experience: RwSignal::new(String::new()),
            diplomes: RwSignal::new(String::new()),
            pix: RwSignal::new(false),
            ccp1: RwSignal::new(false),
            visible: RwSignal::new(false),
        }
    }

    /// The profile as the server has it.
    pub fn depuis(profil: &ProfilCandidat) -> Self {
        let saisie = Self::vide();
        saisie.remplir(profil);
        saisie
    }

    /// Puts the server's profile back into the fields.
    pub fn remplir(&self, profil: &ProfilCandidat) {
        let profil = profil.saisie();
        self.commune.set(profil.commune_code);
        self.rayon.set(profil.rayon_km.to_string());
        self.disponible_le.set(
            profil
                .disponible_le
                .map(|jour| jour.to_string())
                .unwrap_or_default(),
        );
        self.experience.set(profil.experience);
        self.diplomes.set(profil.diplomes);
        self.pix.set(profil.pix);
        self.ccp1.set(profil.ccp1);
        self.visible.set(profil.visible);
    }

    /// Empties the fields (after the profile is deleted).
    pub fn vider(&self) {
        for texte in [self.commune, self.disponible_le, self.experience, self.diplomes] {
            texte.set(String::new());
        }
        self.rayon.set("30".to_owned());
        for case in [self.pix, self.ccp1, self.visible] {
            case.set(false);
        }
    }

    /// The profile to send; what is missing is added to `manquants` ("le code INSEE de votre commune"),
    /// to be said in one sentence with the other fields of the page.
    pub fn a_envoyer(&self, manquants: &mut Vec<String>) -> Option<Profil> {
        let commune = CodeCommune::parse(&self.commune.get_untracked()).ok();
        if commune.is_none() {
            manquants.push("le code INSEE de votre commune".to_owned());
        }
        let rayon = self.rayon.get_untracked().trim().parse::<i64>().ok();
        let rayon = rayon.filter(|km| (0..=RAYON_MAX).contains(km));
        if rayon.is_none() {
            manquants.push(format!("votre rayon de mobilité (de 0 à {RAYON_MAX} km)"));
        }
        let saisie = self.disponible_le.get_untracked();
        let disponible_le = if saisie.trim().is_empty() {
            Some(None)
        } else {
            NaiveDate::parse_from_str(saisie.trim(), "%Y-%m-%d")
                .ok()
                .map(Some)
        };
        if disponible_le.is_none() {
            manquants.push("une date de disponibilité valide".to_owned());
        }
        let (Some(commune), Some(rayon_km), Some(disponible_le)) = (commune, rayon, disponible_le) else {
            return None;
        };
        Some(Profil {
            commune_code: commune.as_str().to_owned(),
            rayon_km,
            disponible_le,
            experience: self.experience.get_untracked().trim().to_owned(),
            diplomes: self.diplomes.get_untracked().trim().to_owned(),
            pix: self.pix.get_untracked(),
            ccp1: self.ccp1.get_untracked(),
            visible: self.visible.get_untracked(),
        })
    }
}

/// The fields of the profile, under a heading the page gives.
#[component]
pub fn ChampsProfil(saisie: SaisieProfil) -> impl IntoView {
    view! {
        <ChampCommune id="commune" libelle="Commune où vous habitez" valeur=saisie.commune/>
        <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-12 fr-col-md-6">
                <ChampTexte
                    id="rayon"
                    libelle="Rayon de mobilité (km)"
                    indice="La distance que vous êtes prêt ou prête à parcourir pour un poste."
                    type_="number"
                    min="0".to_owned()
                    max=RAYON_MAX.to_string()
                    valeur=saisie.rayon
                    requis=true
                />
            </div>
            <div class="fr-col-12 fr-col-md-6">
                <ChampTexte
                    id="disponible-le"
                    libelle="Disponible à partir du (facultatif)"
                    indice="Laissez vide si vous êtes disponible dès maintenant."
                    type_="date"
                    valeur=saisie.disponible_le
                />
            </div>
        </div>
        <ZoneTexte
            id="experience"
            libelle="Expérience (facultatif)"
            indice="Médiation numérique, animation de réseau, coordination de projets…"
            valeur=saisie.experience
            longueur_max=TEXTE_MAX
        />
        <ZoneTexte
            id="diplomes"
            libelle="Diplômes et formations (facultatif)"
            valeur=saisie.diplomes
            lignes=3
            longueur_max=TEXTE_MAX
        />
        <fieldset class="fr-fieldset" aria-labelledby="certifications-legende">
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="certifications-legende">
                "Certifications (facultatif)"
            </legend>
            <div class="fr-fieldset__element">
                <Case id="pix" libelle="J’ai la certification PIX" cochee=saisie.pix/>
            </div>
            <div class="fr-fieldset__element">
                <Case
                    id="ccp1"
                    libelle="J’ai le CCP1 du titre Responsable d’Espace de Médiation Numérique"
                    cochee=saisie.ccp1
                />
            </div>
        </fieldset>
        <Case
            id="visible"
            libelle=CONSENTEMENT
            indice="Elles verront vos nom, prénom, commune, mobilité, disponibilité, expérience, diplômes et \
                    certifications, et votre adresse électronique si elles vous contactent. Sans cet accord, \
                    votre profil est enregistré mais aucune structure ne le voit. Vous pouvez le retirer à tout \
                    moment."
            cochee=saisie.visible
        />
    }
}
