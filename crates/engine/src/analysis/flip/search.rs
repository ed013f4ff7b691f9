//! The search for the smallest change sets: every single change first, then every pair of
//! changes to different keys, then every triple, stopping at the first size where some set
//! reaches the goal (so each set found is as small as any found), at a number of sets found,
//! or at a budget of evaluations.

/// A change set: for each key changed, (the key's position, the option tried for it).
pub(crate) type Set = Vec<(usize, usize)>;

/// What the search found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// The change sets that reach the goal, all of the same (smallest) size.
    pub(crate) sets: Vec<Set>,
    /// Evaluations made.
    pub(crate) evaluations: usize,
    /// Whether the budget stopped the search before every set up to `max_keys` was tried.
    pub(crate) cut_short: bool,
}

/// Limits of one search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The largest number of keys changed together.
    pub(crate) max_keys: usize,
    /// Stop after this many evaluations.
    pub(crate) budget: usize,
    /// Stop after finding this many sets.
    pub(crate) max_found: usize,
}

/// Search over keys with `options[k]` options each; `reaches(set)` evaluates a set. Within one
/// set of keys only the first combination of options that reaches the goal is kept; sets of
/// keys `viable` rejects are not tried at all.
pub(crate) fn search(
    options: &[usize],
    limits: Limits,
    viable: impl Fn(&[usize]) -> bool,
    mut reaches: impl FnMut(&[(usize, usize)]) -> bool,
) -> Found {
    let mut found = Found::default();
    let keys: Vec<usize> = (0..options.len())
        .filter(|k| options.get(*k).is_some_and(|n| *n > 0))
        .collect();
    for size in 1..=limits.max_keys.min(keys.len()) {
        let mut combo: Vec<usize> = (0..size).collect();
        loop {
            let chosen: Vec<usize> = combo.iter().filter_map(|i| keys.get(*i).copied()).collect();
            let tried = viable(&chosen)
                .then(|| first_reaching(&chosen, options, limits, &mut found, &mut reaches));
            if let Some(Some(set)) = tried {
                found.sets.push(set);
                if found.sets.len() >= limits.max_found {
                    return found;
                }
            }
            if found.cut_short {
                return found;
            }
            if !next_combination(&mut combo, keys.len()) {
                break;
            }
        }
        if !found.sets.is_empty() {
            break;
        }
    }
    found
}

/// The first combination of options for `chosen` keys that reaches the goal.
fn first_reaching(
    chosen: &[usize],
    options: &[usize],
    limits: Limits,
    found: &mut Found,
    reaches: &mut impl FnMut(&[(usize, usize)]) -> bool,
) -> Option<Set> {
    let radix: Vec<usize> = chosen
        .iter()
        .map(|k| options.get(*k).copied().unwrap_or(0))
        .collect();
    let mut digits = vec![0usize; chosen.len()];
    loop {
        if found.evaluations >= limits.budget {
            found.cut_short = true;
            return None;
        }
        let set: Set = chosen.iter().copied().zip(digits.iter().copied()).collect();
        found.evaluations += 1;
        if reaches(&set) {
            return Some(set);
        }
        // Mixed-radix increment; done when it wraps around.
        let mut i = 0;
        loop {
            let (Some(d), Some(r)) = (digits.get_mut(i), radix.get(i)) else {
                return None;
            };
            *d += 1;
            if *d < *r {
                break;
            }
            *d = 0;
            i += 1;
        }
    }
}

/// The next `k`-combination of `0..n` in lexicographic order; false after the last.
fn next_combination(combo: &mut [usize], n: usize) -> bool {
    let k = combo.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        let max = n - k + i;
        if combo.get(i).is_some_and(|c| *c < max) {
            if let Some(c) = combo.get_mut(i) {
                *c += 1;
            }
            let base = combo.get(i).copied().unwrap_or(0);
            for (j, c) in combo.iter_mut().enumerate().skip(i + 1) {
                *c = base + (j - i);
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        max_keys: 3,
        budget: 10_000,
        max_found: 10,
    };

    #[test]
    fn combinations_in_order() {
        let mut c = vec![0, 1];
        let mut all = vec![c.clone()];
        while next_combination(&mut c, 4) {
            all.push(c.clone());
        }
        assert_eq!(
            all,
            [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]].map(Vec::from)
        );
    }

    #[test]
    fn singles_before_pairs() {
        // Key 2 alone with option 1 reaches the goal; so do keys 0 and 1 together.
        let f = search(
            &[2, 2, 3],
            LIMITS,
            |_| true,
            |set| set == [(2, 1)] || set == [(0, 1), (1, 0)],
        );
        assert_eq!(f.sets, vec![vec![(2, 1)]]);
        assert!(!f.cut_short);
    }

    #[test]
    fn pairs_when_no_single_key_reaches() {
        let f = search(&[2, 2, 3], LIMITS, |_| true, |set| set == [(0, 1), (1, 0)]);
        assert_eq!(f.sets, vec![vec![(0, 1), (1, 0)]]);
        // 7 singles, then pairs up to and past the one found.
        assert!(f.evaluations > 7);
    }

    #[test]
    fn sets_that_cannot_work_are_not_evaluated() {
        // Only sets containing key 1 are viable.
        let f = search(&[2, 2, 2], LIMITS, |keys| keys.contains(&1), |_| false);
        // Singles: key 1 (2 options); pairs with key 1: (0,1), (1,2) (4 options each); the
        // triple (8 options).
        assert_eq!(f.evaluations, 2 + 4 + 4 + 8);
    }

    #[test]
    fn the_budget_stops_the_search() {
        let f = search(
            &[8, 8, 8, 8],
            Limits {
                budget: 20,
                ..LIMITS
            },
            |_| true,
            |_| false,
        );
        assert!(f.cut_short);
        assert_eq!(f.evaluations, 20);
        assert!(f.sets.is_empty());
    }
}
