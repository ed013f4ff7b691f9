//! Wildcard patterns (`*` any run of characters, `?` one character) and policy-variable
//! templates (`${aws:username}`, `${key, 'default'}`, `${*}`, `${?}`, `${$}`).
//!
//! A template resolves to tokens: characters written in the policy keep their wildcard meaning,
//! while text substituted from a variable is always literal.

use smol_str::SmolStr;

/// A policy word as a [`SmolStr`]. A short one is built with `new_inline`: `SmolStr::new`
/// copies it through a stack buffer whose piecewise reads stalled the copy after it (3% of a
/// small decision).
pub(crate) fn word(text: &str) -> SmolStr {
    // `SmolStr`'s inline capacity, on every target.
    const INLINE: usize = 23;
    if text.len() <= INLINE {
        SmolStr::new_inline(text)
    } else {
        SmolStr::new(text)
    }
}

/// One token of a resolved pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// A literal character.
    Ch(char),
    /// `*`: any sequence of characters, including none.
    Star,
    /// `?`: exactly one character.
    One,
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text written in the policy (wildcards active).
    Text(SmolStr),
    /// Text inserted by `${*}`, `${?}` or `${$}` (always literal).
    Literal(char),
    /// `${key}` or `${key, 'default'}`.
    Var {
        /// The context key, as written.
        key: SmolStr,
        /// The default text, if given.
        default: Option<String>,
    },
}

/// A value from a policy, split into text and variables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    /// The pieces in order.
    pub parts: Vec<Part>,
}

/// A template that could not be read: byte offset in the value and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte offset of the problem inside the value.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl Template {
    /// The whole text as literal policy text (no variables: Version 2008-10-17 or absent).
    pub fn plain(text: &str) -> Self {
        Self {
            parts: vec![Part::Text(word(text))],
        }
    }

    /// Read `${…}` variables out of `text`.
    pub fn parse(text: &str) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = text;
        let mut offset = 0;
        while let Some(i) = crate::text::scan::find_variable(rest) {
            if i > 0 {
                parts.push(Part::Text(word(rest.get(..i).unwrap_or_default())));
            }
            let body_start = i + 2;
            let Some(close) = rest.get(body_start..).and_then(|s| s.find('}')) else {
                return Err(TemplateError {
                    offset: offset + i,
                    message: "policy variable `${` is not closed by `}`".into(),
                });
            };
            let body = rest.get(body_start..body_start + close).unwrap_or_default();
            parts.push(parse_body(body).map_err(|message| TemplateError {
                offset: offset + i,
                message,
            })?);
            let consumed = body_start + close + 1;
            offset += consumed;
            rest = rest.get(consumed..).unwrap_or_default();
        }
        if !rest.is_empty() {
            parts.push(Part::Text(word(rest)));
        }
        Ok(Self { parts })
    }

    /// Whether the template uses any `${…}`.
    pub fn has_variables(&self) -> bool {
        self.parts.iter().any(|p| !matches!(p, Part::Text(_)))
    }

    /// The context keys it refers to.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var { key, .. } => Some(key.as_str()),
            _ => None,
        })
    }

    /// Resolve against a lookup; `Err(key)` names the first variable with no value and no
    /// default. Returns the tokens (for wildcard matching) and the text (for display/equality).
    pub fn resolve<'k, 'v>(
        &'k self,
        lookup: &dyn Fn(&str) -> Option<&'v str>,
    ) -> Result<Resolved, &'k str> {
        // Sized for the written text (exact for ASCII without variables).
        let size = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                _ => 1,
            })
            .sum();
        let mut toks = Vec::with_capacity(size);
        let mut text = String::with_capacity(size);
        for part in &self.parts {
            match part {
                Part::Text(t) => {
                    text.push_str(t);
                    if t.is_ascii() {
                        // One token per byte, in a loop the compiler can size up front.
                        toks.extend(t.bytes().map(|b| token(char::from(b))));
                    } else {
                        toks.extend(compile(t));
                    }
                }
                Part::Literal(c) => {
                    text.push(*c);
                    toks.push(Tok::Ch(*c));
                }
                Part::Var { key, default } => {
                    let value = match (lookup(key), default) {
                        (Some(v), _) => v,
                        (None, Some(d)) => d.as_str(),
                        (None, None) => return Err(key.as_str()),
                    };
                    toks.extend(value.chars().map(Tok::Ch));
                    text.push_str(value);
                }
            }
        }
        Ok(Resolved {
            toks,
            text: text.into(),
        })
    }
}

impl Template {
    /// The text with its variables substituted, when every `*` and `?` in it is one the policy
    /// wrote (no substituted value, `${*}` or `${?}` brought one): then the text matches as
    /// written, without tokens. `Ok(None)` when one did; `Err(key)` as [`Template::resolve`].
    pub fn resolve_plain<'k, 'v>(
        &'k self,
        lookup: &dyn Fn(&str) -> Option<&'v str>,
    ) -> Result<Option<String>, &'k str> {
        // Sized for the written text and a typical value of each variable.
        let size = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                _ => 16,
            })
            .sum();
        let mut text = String::with_capacity(size);
        for part in &self.parts {
            let piece = match part {
                Part::Text(t) => t.as_str(),
                Part::Literal(c) => {
                    if matches!(c, '*' | '?') {
                        return Ok(None);
                    }
                    text.push(*c);
                    continue;
                }
                Part::Var { key, default } => {
                    let value = match (lookup(key), default) {
                        (Some(v), _) => v,
                        (None, Some(d)) => d.as_str(),
                        (None, None) => return Err(key.as_str()),
                    };
                    if crate::text::scan::has_wildcard(value) {
                        return Ok(None);
                    }
                    value
                }
            };
            text.push_str(piece);
        }
        Ok(Some(text))
    }
}

/// A template after variable substitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Tokens for wildcard matching.
    pub toks: Vec<Tok>,
    /// The text with variables substituted (wildcards as written).
    pub text: smol_str::SmolStr,
}

impl Resolved {
    /// Text written in a policy without variables (or where variables are not read), with its
    /// wildcards active: what [`Template::plain`] resolves to, without building the template.
    pub fn plain(text: &str) -> Self {
        let toks = if text.is_ascii() {
            text.bytes().map(|b| token(char::from(b))).collect()
        } else {
            compile(text).collect()
        };
        Self {
            toks,
            text: text.into(),
        }
    }
}

fn parse_body(body: &str) -> Result<Part, String> {
    match body {
        "*" => return Ok(Part::Literal('*')),
        "?" => return Ok(Part::Literal('?')),
        "$" => return Ok(Part::Literal('$')),
        _ => {}
    }
    let (key, default) = match body.split_once(',') {
        None => (body.trim(), None),
        Some((k, d)) => {
            let d = d.trim();
            let Some(inner) = d.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')) else {
                return Err(format!(
                    "the default in `${{{body}}}` must be in single quotes, e.g. `${{aws:username, 'none'}}`"
                ));
            };
            (k.trim(), Some(inner.to_string()))
        }
    };
    if key.is_empty() || key.contains(char::is_whitespace) {
        return Err(format!("`${{{body}}}` is not a valid policy variable"));
    }
    Ok(Part::Var {
        key: word(key),
        default,
    })
}

/// Tokens of wildcard text written in a policy.
pub fn compile(text: &str) -> impl Iterator<Item = Tok> + '_ {
    text.chars().map(token)
}

/// The token of one character written in a policy.
fn token(c: char) -> Tok {
    match c {
        '*' => Tok::Star,
        '?' => Tok::One,
        c => Tok::Ch(c),
    }
}

/// Whether `pattern` matches all of `text`. `fold` compares characters case-insensitively.
pub fn matches(pattern: &[Tok], text: &str, fold: bool) -> bool {
    let eq = |a: char, b: char| {
        if fold {
            a == b || a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    if text.is_ascii() {
        return matches_ascii(pattern, text.as_bytes(), eq);
    }
    // Positions are byte offsets into `text`; no allocation.
    let next = |t: usize| text.get(t..).and_then(|s| s.chars().next());
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        let c = next(t);
        match (pattern.get(p), c) {
            (Some(Tok::Star), _) => {
                star = Some((p, t));
                p += 1;
            }
            (Some(Tok::One), Some(ch)) => {
                p += 1;
                t += ch.len_utf8();
            }
            (Some(Tok::Ch(a)), Some(b)) if eq(*a, b) => {
                p += 1;
                t += b.len_utf8();
            }
            _ => match star {
                Some((sp, st)) => {
                    let skip = next(st).map_or(1, char::len_utf8);
                    p = sp + 1;
                    t = st + skip;
                    star = Some((sp, st + skip));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|t| *t == Tok::Star))
}

/// [`matches`] over ASCII text: the same steps, one byte per character.
fn matches_ascii(pattern: &[Tok], text: &[u8], eq: impl Fn(char, char) -> bool) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while let Some(&b) = text.get(t) {
        match pattern.get(p) {
            Some(Tok::Star) => {
                star = Some((p, t));
                p += 1;
            }
            Some(Tok::One) => {
                p += 1;
                t += 1;
            }
            Some(Tok::Ch(a)) if eq(*a, char::from(b)) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|t| *t == Tok::Star))
}

/// Whether wildcard text `pattern` (as written) matches `text`.
pub fn glob(pattern: &str, text: &str, fold: bool) -> bool {
    // The common shape `prefix*` (`s3:Get*`, `bucket/*`): a prefix comparison.
    if let Some(prefix) = pattern.strip_suffix('*') {
        if !prefix.bytes().any(|b| b == b'*' || b == b'?') {
            let head = text.as_bytes().get(..prefix.len());
            return match head {
                Some(h) if !fold => h == prefix.as_bytes(),
                // Case folded only between ASCII characters (others may fold into ASCII).
                Some(h) if h.is_ascii() && prefix.is_ascii() => {
                    h.eq_ignore_ascii_case(prefix.as_bytes())
                }
                _ if fold => glob_general(pattern, text, fold),
                _ => false,
            };
        }
    }
    glob_general(pattern, text, fold)
}

/// [`glob`] for any pattern.
fn glob_general(pattern: &str, text: &str, fold: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        return glob_ascii(pattern.as_bytes(), text.as_bytes(), fold);
    }
    let toks: Vec<Tok> = compile(pattern).collect();
    matches(&toks, text, fold)
}

/// [`glob`] over ASCII bytes, without allocation.
fn glob_ascii(p: &[u8], t: &[u8], fold: bool) -> bool {
    let eq = |a: u8, b: u8| {
        if fold {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match (p.get(pi), t.get(ti)) {
            (Some(b'*'), _) => {
                star = Some((pi, ti));
                pi += 1;
            }
            (Some(b'?'), Some(_)) => {
                pi += 1;
                ti += 1;
            }
            (Some(&a), Some(&b)) if eq(a, b) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|b| *b == b'*'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_plain_gives_text_only_when_every_wildcard_is_written() {
        let t = Template::parse("home/${aws:username}/*").unwrap();
        let user = |v: &'static str| move |k: &str| (k == "aws:username").then_some(v);
        assert_eq!(
            t.resolve_plain(&user("alice")),
            Ok(Some("home/alice/*".into()))
        );
        assert_eq!(t.resolve_plain(&user("a*b")), Ok(None));
        assert_eq!(t.resolve_plain(&user("a?")), Ok(None));
        assert_eq!(t.resolve_plain(&|_| None), Err("aws:username"));
        assert_eq!(
            Template::parse("a${*}").unwrap().resolve_plain(&|_| None),
            Ok(None)
        );
        assert_eq!(
            Template::parse("a${$}${x, 'd'}")
                .unwrap()
                .resolve_plain(&|_| None),
            Ok(Some("a$d".into()))
        );
    }

    proptest::proptest! {
        /// `glob` (with its shortcut for `prefix*`) agrees with matching the pattern's tokens,
        /// with and without case folding, on ASCII and other text (the Kelvin sign folds to
        /// `k`).
        #[test]
        fn glob_agrees_with_the_tokens(
            pattern in "[aAkK*?:\u{212a}é]{0,6}",
            text in "[aAkK:\u{212a}é]{0,8}",
            fold in proptest::bool::ANY,
        ) {
            let toks: Vec<Tok> = compile(&pattern).collect();
            proptest::prop_assert_eq!(glob(&pattern, &text, fold), matches(&toks, &text, fold));
        }

        /// When `resolve_plain` gives a text, matching it as written agrees with matching the
        /// resolved tokens (where substituted text is literal).
        #[test]
        fn resolve_plain_matches_like_the_tokens(
            head in "[ab*?/]{0,4}",
            var in proptest::sample::select(vec!["${k}", "${k, 'd*'}", "${k, 'x'}", "${*}", "${$}", ""]),
            tail in "[ab*?/]{0,4}",
            value in proptest::option::of("[ab*?]{0,3}"),
            subject in "[ab*?/$dx]{0,8}",
        ) {
            let t = Template::parse(&format!("{head}{var}{tail}")).unwrap();
            let lookup = |k: &str| if k == "k" { value.as_deref() } else { None };
            if let Ok(Some(text)) = t.resolve_plain(&lookup) {
                let r = t.resolve(&lookup).unwrap();
                proptest::prop_assert_eq!(text.as_str(), r.text.as_str());
                proptest::prop_assert_eq!(glob(&text, &subject, false), matches(&r.toks, &subject, false));
            }
        }
    }

    #[test]
    fn wildcards() {
        assert!(glob("iam:*AccessKey*", "iam:ListAccessKeys", false));
        assert!(glob("a?c", "abc", false));
        assert!(!glob("a?c", "ac", false));
        assert!(glob("", "", false));
        assert!(!glob("", "x", false));
        assert!(glob("*", "", false));
        assert!(glob(
            "bucket/*/test/*",
            "bucket/1/2/test/3/object.jpg",
            false
        ));
        assert!(glob("bucket/*/test/*", "bucket//test/object.jpg", false));
        assert!(!glob("bucket/*/test/*", "bucket/test/object.jpg", false));
        assert!(!glob("bucket/*/test/*", "bucket/1/2/test.jpg", false));
        assert!(glob("S3:get*", "s3:GetObject", true));
    }

    #[test]
    fn templates() {
        let t = Template::parse("home/${aws:username}/${*}x${aws:x, 'd'}").unwrap();
        let r = t
            .resolve(&|k| (k == "aws:username").then_some("a*b"))
            .unwrap();
        assert_eq!(r.text, "home/a*b/*xd");
        assert!(matches(&r.toks, "home/a*b/*xd", false));
        assert!(!matches(&r.toks, "home/aZb/*xd", false));
        let plain = Template::plain("a*b/${x}?").resolve(&|_| None).unwrap();
        assert_eq!(Resolved::plain("a*b/${x}?"), plain);
        assert_eq!(
            Resolved::plain("é*"),
            Template::plain("é*").resolve(&|_| None).unwrap()
        );
        assert!(Template::parse("${aws:username").is_err());
        assert!(Template::parse("${aws:username, default}").is_err());
        assert_eq!(t.resolve(&|_| None), Err("aws:username"));
    }
}
