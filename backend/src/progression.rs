//! The progress of a long command (an import, the national dataset) on stderr. On a terminal the line is
//! rewritten in place; in a log or a pipe, one line each tenth of the way: a log keeps a dozen lines per
//! step instead of one line of carriage returns as long as the file.

use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Where a command stands: its current step, when that step started, and the last tenth written to a log.
pub struct Progression {
    terminal: bool,
    etape: String,
    debut: Instant,
    dixieme: Option<usize>,
}

impl Default for Progression {
    fn default() -> Self {
        Self {
            terminal: std::io::stderr().is_terminal(),
            etape: String::new(),
            debut: Instant::now(),
            dixieme: None,
        }
    }
}

impl Progression {
    /// `fait` of `total` done in `etape`; a new step name starts the count (and the rate) again.
    pub fn signaler(&mut self, etape: &str, fait: usize, total: usize) {
        if etape != self.etape {
            etape.clone_into(&mut self.etape);
            self.debut = Instant::now();
            self.dixieme = None;
        }
        if let Some(ligne) = self.ligne(fait, total) {
            let mut sortie = std::io::stderr().lock();
            let _ = if self.terminal {
                write!(sortie, "\r{ligne}     ")
            } else {
                writeln!(sortie, "{ligne}")
            };
            if self.terminal && fait >= total {
                let _ = writeln!(sortie);
            }
            let _ = sortie.flush();
        }
    }

    /// The line to write now, if any: always on a terminal, at each new tenth in a log.
    fn ligne(&mut self, fait: usize, total: usize) -> Option<String> {
        let pour_cent = fait * 100 / total.max(1);
        if !self.terminal {
            let dixieme = pour_cent / 10;
            if self.dixieme == Some(dixieme) {
                return None;
            }
            self.dixieme = Some(dixieme);
        }
        let secondes = self.debut.elapsed().as_secs_f64().max(0.001);
        Some(format!(
            "  {} : {fait}/{total} ({pour_cent} %) — {:.0}/s",
            self.etape,
            fait as f64 / secondes
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_a_log_a_step_writes_one_line_per_tenth_and_a_new_step_starts_again() {
        let mut progression = Progression {
            terminal: false,
            etape: "communes".to_owned(),
            ..Progression::default()
        };
        let lignes = (0..=1_000)
            .filter_map(|fait| progression.ligne(fait, 1_000))
            .count();
        assert_eq!(
            lignes, 11,
            "one line at the start and at each tenth, the last at 100 %"
        );
        progression.signaler("codes postaux", 0, 10);
        assert_eq!(progression.etape, "codes postaux");
        assert_eq!(
            progression.dixieme,
            Some(0),
            "a new step is counted from its start"
        );
    }
}
