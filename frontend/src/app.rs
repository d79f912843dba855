//! The router: every screen of the app and the page frame around it, under the session every page reads.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::mise_en_page::MiseEnPage;
use crate::pages::accueil_page::AccueilPage;
use crate::pages::activite::actions_page::ActionsPage;
use crate::pages::activite::activites_page::ActivitesPage;
use crate::pages::activite::animation_page::AnimationPage;
use crate::pages::activite::beneficiaires_page::BeneficiairesPage;
use crate::pages::activite::coordination_page::CoordinationPage;
use crate::pages::activite::diagnostic_page::DiagnosticPage;
use crate::pages::activite::equipe_page::EquipePage;
use crate::pages::activite::formation_page::FormationPage;
use crate::pages::activite::journees_page::JourneesPage;
use crate::pages::activite::mes_equipes_page::MesEquipesPage;
use crate::pages::activite::rapport_page::{RapportPage, SuiviRapportsPage};
use crate::pages::activite::rencontres_page::RencontresPage;
use crate::pages::agents::agents_page::AgentsPage;
use crate::pages::agents::invitation_agent_page::InvitationAgentPage;
use crate::pages::candidatures::candidature_page::CandidaturePage;
use crate::pages::candidatures::espace_page::EspacePage;
use crate::pages::carte::carte_page::CartePage;
use crate::pages::carte::departement_carte_page::DepartementCartePage;
use crate::pages::comptes::adresse_page::AdressePage;
use crate::pages::comptes::compte_page::ComptePage;
use crate::pages::comptes::connexion_page::ConnexionPage;
use crate::pages::comptes::inscription_page::InscriptionPage;
use crate::pages::comptes::invitation_page::InvitationPage;
use crate::pages::comptes::mot_de_passe_page::{MotDePasseOubliePage, NouveauMotDePassePage};
use crate::pages::conseillers::conseillers_page::ConseillersPage;
use crate::pages::conventions::conventions_page::ConventionsPage;
use crate::pages::introuvable_page::IntrouvablePage;
use crate::pages::legal::accessibilite_page::AccessibilitePage;
use crate::pages::legal::donnees_personnelles_page::DonneesPersonnellesPage;
use crate::pages::legal::mentions_legales_page::MentionsLegalesPage;
use crate::pages::legal::plan_du_site_page::PlanDuSitePage;
use crate::pages::lieux::edition_page::{ModifierLieuPage, NouveauLieuPage};
use crate::pages::lieux::fiche_page::FicheLieuPage;
use crate::pages::lieux::import_page::ImportLieuxPage;
use crate::pages::lieux::recherche_page::RecherchePage;
use crate::pages::lieux::signalements_page::SignalementsPage;
use crate::pages::notifications::notifications_page::NotificationsPage;
use crate::pages::statistiques::mes_statistiques_page::MesStatistiquesPage;
use crate::pages::statistiques::statistiques_partagees_page::StatistiquesPartageesPage;
use crate::pages::tableau_de_bord::tableau_de_bord_page::TableauDeBordPage;
use crate::pages::territoires::commune_page::CommunePage;
use crate::pages::territoires::departement_page::DepartementPage;
use crate::pages::territoires::epci_page::EpciPage;
use crate::pages::territoires::gouvernance_page::GouvernancePage;
use crate::pages::territoires::region_page::RegionPage;
use crate::pages::territoires::territoires_page::TerritoiresPage;
use crate::pages::vivier::candidat_page::CandidatPage;
use crate::pages::vivier::inscription_page::InscriptionCandidatPage;
use crate::session::Session;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    Session::fournir();
    view! {
        <Router>
            <MiseEnPage>
                <Routes fallback=IntrouvablePage>
                    <Route path=path!("/") view=AccueilPage/>
                    <Route path=path!("/territoires") view=TerritoiresPage/>
                    <Route path=path!("/territoires/regions/:code") view=RegionPage/>
                    <Route path=path!("/territoires/departements/:code") view=DepartementPage/>
                    <Route path=path!("/territoires/epci/:code") view=EpciPage/>
                    <Route path=path!("/gouvernances/:code") view=GouvernancePage/>
                    <Route path=path!("/territoires/communes/:code") view=CommunePage/>
                    <Route path=path!("/carte") view=CartePage/>
                    <Route path=path!("/carte/:code") view=DepartementCartePage/>
                    <Route path=path!("/connexion") view=ConnexionPage/>
                    <Route path=path!("/inscription") view=InscriptionPage/>
                    <Route path=path!("/compte") view=ComptePage/>
                    <Route path=path!("/agents") view=AgentsPage/>
                    <Route path=path!("/invitation-agent") view=InvitationAgentPage/>
                    <Route path=path!("/compte/adresse") view=AdressePage/>
                    <Route path=path!("/mot-de-passe/oublie") view=MotDePasseOubliePage/>
                    <Route path=path!("/mot-de-passe/nouveau") view=NouveauMotDePassePage/>
                    <Route path=path!("/espace") view=EspacePage/>
                    <Route path=path!("/candidatures/:id") view=CandidaturePage/>
                    <Route path=path!("/notifications") view=NotificationsPage/>
                    <Route path=path!("/vivier/inscription") view=InscriptionCandidatPage/>
                    <Route path=path!("/candidat") view=CandidatPage/>
                    <Route path=path!("/conventions") view=ConventionsPage/>
                    <Route path=path!("/activites") view=ActivitesPage/>
                    <Route path=path!("/coordination") view=CoordinationPage/>
                    <Route path=path!("/coordination/diagnostic") view=DiagnosticPage/>
                    <Route path=path!("/coordination/equipe") view=EquipePage/>
                    <Route path=path!("/coordination/animation") view=AnimationPage/>
                    <Route path=path!("/invitation/:jeton") view=InvitationPage/>
                    <Route path=path!("/mes-equipes") view=MesEquipesPage/>
                    <Route path=path!("/formation") view=FormationPage/>
                    <Route path=path!("/lieux/import") view=ImportLieuxPage/>
                    <Route path=path!("/lieux/nouveau") view=NouveauLieuPage/>
                    <Route path=path!("/lieux/:id/modifier") view=ModifierLieuPage/>
                    <Route path=path!("/lieux/:id") view=FicheLieuPage/>
                    <Route path=path!("/lieux") view=RecherchePage/>
                    <Route path=path!("/signalements-de-lieux") view=SignalementsPage/>
                    <Route path=path!("/conseillers") view=ConseillersPage/>
                    <Route path=path!("/coordination/actions") view=ActionsPage/>
                    <Route path=path!("/journees") view=JourneesPage/>
                    <Route path=path!("/rencontres") view=RencontresPage/>
                    <Route path=path!("/coordination/rapport") view=RapportPage/>
                    <Route path=path!("/rapports") view=SuiviRapportsPage/>
                    <Route path=path!("/tableau-de-bord") view=TableauDeBordPage/>
                    <Route path=path!("/mes-statistiques") view=MesStatistiquesPage/>
                    <Route path=path!("/mes-beneficiaires") view=BeneficiairesPage/>
                    <Route path=path!("/statistiques/:jeton") view=StatistiquesPartageesPage/>
                    <Route path=path!("/accessibilite") view=AccessibilitePage/>
                    <Route path=path!("/mentions-legales") view=MentionsLegalesPage/>
                    <Route path=path!("/donnees-personnelles") view=DonneesPersonnellesPage/>
                    <Route path=path!("/plan-du-site") view=PlanDuSitePage/>
                </Routes>
            </MiseEnPage>
        </Router>
    }
}
