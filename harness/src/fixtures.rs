//! Typed fixture builders and the workflow's steps: a test says what it needs ("a second structure of the
//! 29 with a validated candidature on Brest Métropole") and the builder reaches it through the API, as a
//! person would, instead of relying on demo accounts or repeating the registration's JSON.

use serde_json::{Value, json};

use super::{Client, TestApp};

pub const STRUCTURE: &str = "structure@demo.maillage.fr";
pub const PREFECTURE_29: &str = "prefecture29@demo.maillage.fr";
pub const PREFECTURE_35: &str = "prefecture35@demo.maillage.fr";
pub const ANCT: &str = "anct@demo.maillage.fr";
pub const SGAR_53: &str = "sgar53@demo.maillage.fr";
pub const BREST_METROPOLE: &str = "242900314";

pub const FORMULAIRE: &str = "mutation($id: ID!, $f: FormulaireCandidatureEntree!) {
    modifierCandidature(id: $id, formulaire: $f) { id montantSubventionEuros dureeSubventionMois champsManquants } }";
pub const DEPOSER: &str =
    "mutation($id: ID!) { deposerCandidature(id: $id) { statut deposeLe echeanceDecision } }";
pub const AVIS: &str = "mutation($id: ID!, $f: Boolean!, $c: String!) {
    donnerAvis(candidatureId: $id, favorable: $f, commentaire: $c) { statut } }";
pub const DECIDER: &str = "mutation($id: ID!, $d: DecisionAnct!, $m: String!) {
    deciderCandidature(candidatureId: $id, decision: $d, motif: $m) { statut } }";

pub fn formulaire_complet(epcis: &[&str]) -> Value {
    let texte = "Une réponse détaillée et argumentée pour cette question.";
    json!({
        "cas": "B1", "contrat": "CDI_DROIT_PRIVE", "perimetreEpcis": epcis,
        "diagnostic": texte, "partenaires": texte, "articulationGouvernance": texte,
        "missionsMaillage": texte, "missionsRelais": texte, "missionsCollaborations": texte,
        "gouvernance": "MEMBRE", "candidatIdentifie": false, "datePrisePoste": "2027-03-01"
    })
}

/// A draft with a complete form on Brest Métropole, not yet consulted nor filed.
pub async fn brouillon_complet(structure: &Client) -> String {
    brouillon_complet_sur(structure, &[BREST_METROPOLE]).await
}

/// A draft with a complete form on `epcis`, not yet consulted nor filed.
pub async fn brouillon_complet_sur(structure: &Client, epcis: &[&str]) -> String {
    let id = structure
        .data("mutation { creerCandidature { id } }", json!({}))
        .await["creerCandidature"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    structure
        .data(FORMULAIRE, json!({ "id": id, "f": formulaire_complet(epcis) }))
        .await;
    id
}

/// Records the consultation of every structure to consult.
pub async fn consulter_tout(structure: &Client, id: &str) {
    let data = structure
        .data(
            "query($id: ID!) { candidature(id: $id) { structuresAConsulter { structure { id } } } }",
            json!({ "id": id }),
        )
        .await;
    for a_consulter in data["candidature"]["structuresAConsulter"].as_array().unwrap() {
        structure
            .data(
                "mutation($c: ID!, $s: ID!, $d: NaiveDate!) {
                    enregistrerConsultation(candidatureId: $c, structureId: $s, consulteeLe: $d, reponse: FAVORABLE) { id } }",
                json!({ "c": id, "s": a_consulter["structure"]["id"], "d": "2026-01-05" }),
            )
            .await;
    }
}

/// Attaches, as a PDF, each document the call still requires of this draft (what a structure does before
/// filing).
pub async fn joindre_pieces_requises(structure: &Client, id: &str) {
    let data = structure
        .data(
            "query($id: ID!) { candidature(id: $id) { piecesManquantes } }",
            json!({ "id": id }),
        )
        .await;
    for nature in data["candidature"]["piecesManquantes"].as_array().unwrap() {
        let nature = nature.as_str().unwrap();
        let (statut, code, corps) = structure
            .televerser(
                &format!("/candidatures/{id}/pieces?nature={nature}&nom={nature}.pdf"),
                "application/octet-stream",
                crate::documents::pdf(nature),
            )
            .await;
        assert_eq!(statut, 200, "{code} {corps}");
    }
}

/// A structure porteuse registering through `inscriptionStructure`. By default the Tiers-lieu de l'Aber:
/// an association of Brest (commune 29019), with a SIRET whose check digit is right, no conseiller.
#[derive(Debug, Clone)]
pub struct StructureBuilder {
    email: String,
    siret: String,
    nom: String,
    categorie: Option<String>,
    commune_code: String,
    statut_public: bool,
    conseillers_numeriques: i64,
    motif_categorie: Option<String>,
}

impl Default for StructureBuilder {
    fn default() -> Self {
        Self {
            email: "autre@exemple.fr".to_owned(),
            siret: "13002603200016".to_owned(),
            nom: "Tiers-lieu de l’Aber".to_owned(),
            categorie: Some("ASSOCIATION".to_owned()),
            commune_code: "29019".to_owned(),
            statut_public: false,
            conseillers_numeriques: 0,
            motif_categorie: None,
        }
    }
}

impl StructureBuilder {
    /// The default structure, to adjust with the methods below.
    pub fn new() -> Self {
        Self::default()
    }

    /// The address of the person who registers it (their password is [`Self::MOT_DE_PASSE`]).
    pub fn email(mut self, email: &str) -> Self {
        email.clone_into(&mut self.email);
        self
    }

    pub fn siret(mut self, siret: &str) -> Self {
        siret.clone_into(&mut self.siret);
        self
    }

    /// One of the ten categories of the call (`CategorieStructure`), or `None` for none of them.
    pub fn categorie(mut self, categorie: Option<&str>) -> Self {
        self.categorie = categorie.map(str::to_owned);
        self
    }

    /// Its name.
    pub fn nom(mut self, nom: &str) -> Self {
        nom.clone_into(&mut self.nom);
        self
    }

    /// Whether it declares itself a public-law person (the public categories require it).
    pub fn statut_public(mut self, public: bool) -> Self {
        self.statut_public = public;
        self
    }

    /// Why its category differs from the one the company register's legal form implies.
    pub fn motif_categorie(mut self, motif: &str) -> Self {
        self.motif_categorie = Some(motif.to_owned());
        self
    }

    /// The INSEE code of its head office's commune.
    pub fn commune(mut self, code: &str) -> Self {
        code.clone_into(&mut self.commune_code);
        self
    }

    /// The password of the registered person.
    pub const MOT_DE_PASSE: &str = "un mot de passe long";

    /// Registers it and returns the whole answer (for a test of a refusal) with the client that asked.
    pub async fn essayer(&self, app: &TestApp, selection: &str) -> (Client, Value) {
        let client = app.navigateur();
        let answer = client
            .graphql(
                &format!(
                    "mutation($e: InscriptionStructureEntree!) {{ inscriptionStructure(entree: $e) {{ {selection} }} }}"
                ),
                json!({ "e": {
                    "email": self.email, "motDePasse": Self::MOT_DE_PASSE, "prenom": "Léa", "nom": "Martin",
                    "siret": self.siret, "nomStructure": self.nom, "categorie": self.categorie,
                    "statutPublic": self.statut_public, "communeCode": self.commune_code,
                    "conseillersNumeriques": self.conseillers_numeriques,
                    "motifCategorie": self.motif_categorie
                }}),
            )
            .await;
        (client, answer)
    }

    /// Registers it; the registration must succeed. Returns its person, logged in, who has opened the
    /// link sent to verify the address.
    pub async fn inscrire(&self, app: &TestApp) -> Client {
        let client = self.inscrire_sans_verifier(app).await;
        app.verifier_l_adresse(&client, &self.email).await;
        client
    }

    /// Registers it; the registration must succeed. Returns its person, logged in, whose address is not
    /// verified yet.
    pub async fn inscrire_sans_verifier(&self, app: &TestApp) -> Client {
        let (client, answer) = self.essayer(app, "email").await;
        assert!(answer.get("errors").is_none(), "registration refused: {answer:#}");
        client
    }
}

/// A candidature filed by `structure` on EPCIs of the 29, its form complete and every employer of its
/// perimeter consulted.
pub struct CandidatureDeposee {
    pub structure: Client,
    pub id: String,
}

impl CandidatureDeposee {
    /// Files a candidature of `structure` on `epcis` (SIREN codes of the 29).
    pub async fn sur(structure: Client, epcis: &[&str]) -> Self {
        let id = brouillon_complet_sur(&structure, epcis).await;
        consulter_tout(&structure, &id).await;
        joindre_pieces_requises(&structure, &id).await;
        structure.data(DEPOSER, json!({ "id": id })).await;
        Self { structure, id }
    }
}

/// A candidature of the 29 filed, given a favorable avis by the préfecture, and validated by ANCT.
pub struct CandidatureValidee {
    pub structure: Client,
    pub id: String,
}

impl CandidatureValidee {
    /// Files a candidature of `structure` on `epcis` (SIREN codes of the 29) and has it validated.
    pub async fn sur(app: &TestApp, structure: Client, epcis: &[&str]) -> Self {
        let CandidatureDeposee { structure, id } = CandidatureDeposee::sur(structure, epcis).await;
        app.connecte(PREFECTURE_29)
            .await
            .data(
                AVIS,
                json!({ "id": id, "f": true, "c": "Projet articulé avec la gouvernance" }),
            )
            .await;
        app.connecte(ANCT)
            .await
            .data(
                DECIDER,
                json!({ "id": id, "d": "VALIDEE", "m": "Territoire prioritaire et projet coordonné" }),
            )
            .await;
        Self { structure, id }
    }
}

/// The mutation that creates an API token (ANCT).
pub const CREER_JETON: &str =
    "mutation($e: NouveauJeton!) { creerJetonApi(entree: $e) { secret jeton { id nom portee ips } } }";

/// Creates an API token as ANCT (`anct`): of a département, or open data when `departement` is `None`,
/// usable from `ips` (any address when empty), valid 30 days. Returns its secret (shown once) and its id.
pub async fn creer_jeton_api(anct: &Client, departement: Option<&str>, ips: &[&str]) -> (String, String) {
    let expire =
        (maillage_shared::jour::jour_en_metropole(chrono::Utc::now()) + chrono::Days::new(30)).to_string();
    let cree = anct
        .data(
            CREER_JETON,
            json!({ "e": { "nom": "Partenaire", "departement": departement, "expireLe": expire, "ips": ips } }),
        )
        .await;
    (
        cree["creerJetonApi"]["secret"].as_str().unwrap().to_owned(),
        cree["creerJetonApi"]["jeton"]["id"].as_str().unwrap().to_owned(),
    )
}
