//! Which first-level units share a land border (`registry/oblast-neighbours.csv`), for rules
//! such as "partners from the same or a neighbouring oblast".

use std::collections::HashSet;
use std::sync::LazyLock;

const BUNDLED_NEIGHBOURS: &str = include_str!("../../registry/oblast-neighbours.csv");

static BORDERS: LazyLock<HashSet<(String, String)>> = LazyLock::new(|| {
    BUNDLED_NEIGHBOURS
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .collect()
});

/// True when the oblasts `a` and `b` (KATOTTG codes) share a land border.
pub fn share_border(a: &str, b: &str) -> bool {
    BORDERS.contains(&(a.to_string(), b.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LVIV: &str = "UA46000000000026241";
    const VOLYN: &str = "UA07000000000024379";
    const VINNYTSIA: &str = "UA05000000000010236";
    const KYIV_OBLAST: &str = "UA32000000000030281";
    const KYIV: &str = "UA80000000000093317";

    #[test]
    fn borders_are_symmetric_and_known() {
        assert_eq!(BORDERS.len(), 108);
        for (a, b) in BORDERS.iter() {
            assert!(share_border(b, a), "{a} borders {b} but not back");
            assert_ne!(a, b);
        }
        assert!(share_border(LVIV, VOLYN));
        assert!(!share_border(LVIV, VINNYTSIA));
        assert!(share_border(KYIV, KYIV_OBLAST));
        assert!(share_border(VINNYTSIA, KYIV_OBLAST));
    }
}
