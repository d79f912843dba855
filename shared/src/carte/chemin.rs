//! The polygons of an SVG path (`d` attribute) as the map's shapes write them: absolute and relative
//! moves and lines, closed sub-paths.

/// The polygons of a path, one per subpath; subpaths of fewer than three vertices (no area) are dropped.
pub(super) fn polygones_du_chemin(d: &str) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let mut lecteur = LecteurDeChemin {
        octets: d.as_bytes(),
        position: 0,
    };
    let mut polygones: Vec<Vec<(f64, f64)>> = Vec::new();
    // Whether the last polygon is still being drawn (false after a closepath).
    let mut ouvert = false;
    let (mut x, mut y) = (0.0, 0.0);
    let mut debut = (0.0, 0.0);
    let mut commande: Option<u8> = None;

    while let Some(suivant) = lecteur.prochain() {
        if suivant.is_ascii_alphabetic() {
            lecteur.position += 1;
            commande = Some(suivant);
            if suivant.eq_ignore_ascii_case(&b'z') {
                (x, y) = debut;
                ouvert = false;
                continue;
            }
        }
        // A number here repeats the previous command (`l1 2 3 4` is two linetos).
        let c = match commande {
            Some(c) if !c.eq_ignore_ascii_case(&b'z') => c,
            _ => return Err(format!("nombre inattendu à la position {}", lecteur.position)),
        };
        if polygones.is_empty() && !c.eq_ignore_ascii_case(&b'm') {
            return Err("le chemin ne commence pas par M".to_owned());
        }
        let relatif = c.is_ascii_lowercase();
        let nombre_d_arguments = match c.to_ascii_uppercase() {
            b'M' | b'L' | b'T' => 2,
            b'H' | b'V' => 1,
            b'S' | b'Q' => 4,
            b'C' => 6,
            b'A' => return Err("arc (commande A) non pris en charge".to_owned()),
            _ => return Err(format!("commande de chemin inconnue : {}", char::from(c))),
        };
        let mut arguments = [0.0; 6];
        for argument in arguments.iter_mut().take(nombre_d_arguments) {
            *argument = lecteur.nombre()?;
        }
        let (dx, dy) = if relatif { (x, y) } else { (0.0, 0.0) };
        match c.to_ascii_uppercase() {
            b'H' => x = arguments[0] + dx,
            b'V' => y = arguments[0] + dy,
            _ => {
                x = arguments[nombre_d_arguments - 2] + dx;
                y = arguments[nombre_d_arguments - 1] + dy;
            }
        }
        if c.eq_ignore_ascii_case(&b'm') {
            debut = (x, y);
            polygones.push(vec![(x, y)]);
            ouvert = true;
            // Pairs following a moveto are implicit linetos.
            commande = Some(if relatif { b'l' } else { b'L' });
        } else {
            if !ouvert {
                // Drawing on after a closepath starts a new subpath at the closed one's start.
                polygones.push(vec![debut]);
                ouvert = true;
            }
            if let Some(polygone) = polygones.last_mut() {
                polygone.push((x, y));
            }
        }
    }
    polygones.retain(|polygone| polygone.len() >= 3);
    Ok(polygones)
}

struct LecteurDeChemin<'a> {
    octets: &'a [u8],
    position: usize,
}

impl LecteurDeChemin<'_> {
    /// The next significant byte, after whitespace and commas, without consuming it.
    fn prochain(&mut self) -> Option<u8> {
        while let Some(&octet) = self.octets.get(self.position) {
            if octet.is_ascii_whitespace() || octet == b',' {
                self.position += 1;
            } else {
                return Some(octet);
            }
        }
        None
    }

    /// A number in the path grammar, where separators may be omitted: `-4.5-3` is -4.5 then -3 and `.5.5` is
    /// 0.5 then 0.5.
    fn nombre(&mut self) -> Result<f64, String> {
        self.prochain();
        let debut = self.position;
        let octet = |position: usize| self.octets.get(position).copied();
        let mut fin = debut;
        if matches!(octet(fin), Some(b'+' | b'-')) {
            fin += 1;
        }
        let chiffres = |mut position: usize| {
            while octet(position).is_some_and(|o| o.is_ascii_digit()) {
                position += 1;
            }
            position
        };
        let apres_entier = chiffres(fin);
        let mut apres_mantisse = apres_entier;
        if octet(apres_entier) == Some(b'.') {
            apres_mantisse = chiffres(apres_entier + 1);
        }
        let a_des_chiffres = apres_entier > fin || apres_mantisse > apres_entier + 1;
        if !a_des_chiffres {
            return Err(format!("nombre attendu à la position {debut}"));
        }
        fin = apres_mantisse;
        // An exponent only when digits follow, so that no letter command is swallowed.
        if matches!(octet(fin), Some(b'e' | b'E')) {
            let signe = usize::from(matches!(octet(fin + 1), Some(b'+' | b'-')));
            let apres_exposant = chiffres(fin + 1 + signe);
            if apres_exposant > fin + 1 + signe {
                fin = apres_exposant;
            }
        }
        self.position = fin;
        std::str::from_utf8(&self.octets[debut..fin])
            .ok()
            .and_then(|texte| texte.parse().ok())
            .ok_or_else(|| format!("nombre illisible à la position {debut}"))
    }
}
