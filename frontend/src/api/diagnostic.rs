//! The coordinator's territorial diagnosis, and the lieux of the départements its perimeter lies in (to
//! draw them); in `graphql/indicateurs.graphql`.

use super::carte::PointLieu;
use super::{ErreurApi, operation, send};

operation!(DiagnosticTerritorial, "graphql/indicateurs.graphql");
operation!(
    PointsLieux,
    "graphql/indicateurs.graphql",
    response_type = "super::PointLieu"
);

/// A commune of the perimeter.
pub use diagnostic_territorial::DiagnosticCommune;
/// The diagnosis of the perimeter.
pub type Diagnostic = diagnostic_territorial::DiagnosticTerritorialDiagnosticTerritorial;
/// An EPCI of the perimeter; its communes without a lieu by decreasing population.
pub type DiagnosticEpci = diagnostic_territorial::DiagnosticTerritorialDiagnosticTerritorialEpcis;

/// The diagnosis, and the lieux of each département of the perimeter.
pub async fn diagnostic() -> Result<(Diagnostic, Vec<(String, Vec<PointLieu>)>), ErreurApi> {
    let diagnostic = send::<DiagnosticTerritorial>(diagnostic_territorial::Variables)
        .await?
        .diagnostic_territorial;
    let mut points = Vec::new();
    for code in &diagnostic.departements {
        let variables = points_lieux::Variables { code: code.clone() };
        let lieux = send::<PointsLieux>(variables).await?.points_lieux;
        points.push((code.clone(), lieux));
    }
    Ok((diagnostic, points))
}
