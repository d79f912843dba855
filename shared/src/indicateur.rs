//! Coverage indicators: the ratios are computed the same way by the server (open data, exports) and by the
//! page (map legend).

/// `nombre` per 10 000 inhabitants; 0 for an empty population.
pub fn pour_dix_mille(nombre: i64, population: i64) -> f64 {
    if population <= 0 {
        0.0
    } else {
        nombre as f64 * 10_000.0 / population as f64
    }
}

/// The share `partie / total`, between 0 and 1; 0 for an empty total.
pub fn part(partie: i64, total: i64) -> f64 {
    if total <= 0 {
        0.0
    } else {
        (partie as f64 / total as f64).clamp(0.0, 1.0)
    }
}

/// Inhabitants per conseiller numérique, rounded down; none where there is no conseiller (the diagnosis
/// shows these territories apart, as the ones to staff first).
pub fn habitants_par_conseiller(population: i64, conseillers: i64) -> Option<i64> {
    (conseillers > 0).then(|| population.max(0) / conseillers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn habitants_par_conseiller_sans_conseiller_n_a_pas_de_valeur() {
        assert_eq!(habitants_par_conseiller(12_000, 3), Some(4_000));
        assert_eq!(habitants_par_conseiller(10_001, 2), Some(5_000));
        assert_eq!(habitants_par_conseiller(8_000, 0), None);
    }

    #[test]
    fn ratio_pour_dix_mille_habitants() {
        assert_eq!(pour_dix_mille(3, 30_000), 1.0);
        assert_eq!(pour_dix_mille(1, 2_500), 4.0);
        assert_eq!(pour_dix_mille(5, 0), 0.0);
    }

    #[test]
    fn part_de_population_couverte_bornee() {
        assert_eq!(part(250, 1000), 0.25);
        assert_eq!(part(0, 0), 0.0);
        assert_eq!(part(1200, 1000), 1.0);
    }
}
