//! The report as a printable, self-contained HTML document (styles and bar charts inline, nothing fetched),
//! downloaded from `GET /rapports/…` (`http::rapports`).

use chrono::{DateTime, Utc};
use maillage_shared::format::{MOIS_ABREGES, echapper_html as echapper};

use super::service::RapportAnnuel;

/// Horizontal bars with their numbers, as an accessible SVG (the table below says the same).
fn barres(titre: &str, valeurs: &[(String, i64)]) -> String {
    let max = valeurs.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let hauteur = 22 * valeurs.len() + 4;
    let mut svg = format!(
        r#"<svg role="img" aria-label="{}" viewBox="0 0 640 {hauteur}" width="100%" xmlns="http://www.w3.org/2000/svg">"#,
        echapper(titre)
    );
    for (i, (cle, valeur)) in valeurs.iter().enumerate() {
        let y = 22 * i + 2;
        let largeur = 380 * valeur / max;
        svg.push_str(&format!(
            r##"<text x="200" y="{}" text-anchor="end" font-size="12">{}</text><rect x="208" y="{y}" width="{largeur}" height="16" fill="#000091"/><text x="{}" y="{}" font-size="12">{valeur}</text>"##,
            y + 12,
            echapper(cle),
            214 + largeur,
            y + 12
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The whole document.
pub fn en_html(r: &RapportAnnuel, envoye_le: Option<DateTime<Utc>>) -> String {
    let nombre = |n: i64| maillage_shared::format::nombre(n);
    let mois: Vec<(String, i64)> = MOIS_ABREGES
        .iter()
        .zip(&r.par_mois)
        .map(|(m, n)| ((*m).to_owned(), *n))
        .collect();
    let lignes_actions: String = r
        .actions
        .iter()
        .map(|a| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                a.date.format("%d/%m/%Y"),
                echapper(&a.nature),
                echapper(&a.titre),
                echapper(&a.axe),
                echapper(&a.partenaires)
            )
        })
        .collect();
    let envoi = envoye_le.map_or_else(
        || "Non encore envoyé à la préfecture.".to_owned(),
        |le| format!("Envoyé à la préfecture le {}.", le.format("%d/%m/%Y")),
    );
    format!(
        r#"<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<title>Rapport d’activité {annee} — {coordinateur}</title>
<style>
body {{ font-family: Marianne, Arial, sans-serif; max-width: 50rem; margin: 2rem auto; color: #161616; line-height: 1.5; }}
h1 {{ font-size: 1.75rem; }} h2 {{ font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #000091; }}
table {{ border-collapse: collapse; width: 100%; font-size: .875rem; }} th, td {{ border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; }}
.chiffres {{ display: grid; grid-template-columns: repeat(3, 1fr); gap: .5rem; }} .chiffres p {{ border: 1px solid #ddd; padding: .5rem; margin: 0; }}
.chiffres strong {{ display: block; font-size: 1.25rem; }}
@media print {{ body {{ margin: 0; }} h2 {{ break-after: avoid; }} table, svg {{ break-inside: avoid; }} }}
</style></head><body>
<p>Programme Conseiller numérique coordinateur — France Numérique Ensemble</p>
<h1>Rapport d’activité {annee}</h1>
<p><strong>{coordinateur}</strong>, coordinateur ou coordinatrice de <strong>{structure}</strong> (département {departement}).<br>
Périmètre : {perimetre}.<br>{envoi}</p>
<h2>Territoire</h2>
<div class="chiffres">
<p><strong>{population}</strong> habitants</p><p><strong>{communes}</strong> communes</p><p><strong>{lieux}</strong> lieux de médiation numérique</p>
<p><strong>{conseillers}</strong> conseillers numériques</p><p><strong>{sans_lieu}</strong> communes sans lieu</p><p><strong>{actions}</strong> actions de coordination</p>
</div>
<h2>Accompagnements de l’équipe</h2>
<div class="chiffres"><p><strong>{accompagnements}</strong> accompagnements</p><p><strong>{participants}</strong> personnes accompagnées</p><p><strong>{duree}</strong> d’accompagnement</p></div>
<h3>Par mois</h3>{graphique_mois}
<h3>Par thème</h3>{graphique_themes}
<h2>Actions de coordination</h2>
{graphique_actions}
<table><caption>Actions de l’année</caption><thead><tr><th>Date</th><th>Type</th><th>Titre</th><th>Axe</th><th>Partenaires</th></tr></thead>
<tbody>{lignes_actions}</tbody></table>
</body></html>
"#,
        annee = r.annee,
        coordinateur = echapper(&r.coordinateur),
        structure = echapper(&r.structure),
        departement = echapper(&r.departement_code),
        perimetre = echapper(&r.perimetre.join(", ")),
        population = nombre(r.population),
        communes = nombre(r.communes),
        lieux = nombre(r.lieux),
        conseillers = nombre(r.conseillers),
        sans_lieu = nombre(r.communes_sans_lieu),
        actions = nombre(r.actions.len() as i64),
        accompagnements = nombre(r.accompagnements),
        participants = nombre(r.participants),
        duree = maillage_shared::format::duree(r.duree_minutes()),
        graphique_mois = barres("Accompagnements par mois", &mois),
        graphique_themes = barres("Accompagnements par thème", &r.par_theme),
        graphique_actions = barres("Actions par type", &r.actions_par_nature),
    )
}
