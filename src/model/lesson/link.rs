//! A lesson step in the URL fragment: `lesson=ID&step=N` for a lesson of the playground,
//! `lesson1=DATA&step=N` for any other lesson, DATA being base64url (no padding) of the raw
//! DEFLATE of the lesson file, so a teacher's own lesson travels as a link. Steps count from 1.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::model::share::params;

/// The largest lesson text a link may unpack to.
const MAX_LESSON: usize = 8 << 20;

/// Which lesson a link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonRef {
    /// A lesson of the playground, by id.
    BuiltIn(String),
    /// A lesson file's text.
    Text(String),
}

/// The fragment parameters for step `step` (0-based) of the lesson.
pub fn fragment_params(lesson: &LessonRef, step: usize) -> String {
    match lesson {
        LessonRef::BuiltIn(id) => format!("lesson={id}&step={}", step + 1),
        LessonRef::Text(text) => {
            let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
            format!(
                "lesson1={}&step={}",
                URL_SAFE_NO_PAD.encode(packed),
                step + 1
            )
        }
    }
}

/// The lesson and step (0-based) a fragment opens, if any; a damaged lesson is an error.
pub fn from_fragment(fragment: &str) -> Result<Option<(LessonRef, usize)>, String> {
    let ps = params(fragment);
    let step = ps
        .iter()
        .find(|(k, _)| *k == "step")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .map_or(0, |n| n.saturating_sub(1));
    for (k, v) in ps {
        match k {
            "lesson" if !v.is_empty() => {
                return Ok(Some((LessonRef::BuiltIn(v.to_string()), step)))
            }
            "lesson1" => {
                let packed = URL_SAFE_NO_PAD.decode(v.trim()).map_err(|_| {
                    "the lesson in this link is damaged (not base64url)".to_string()
                })?;
                let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_LESSON)
                    .map_err(|_| "the lesson in this link is damaged (not DEFLATE)".to_string())?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| "the lesson in this link is damaged (not UTF-8)".to_string())?;
                return Ok(Some((LessonRef::Text(text), step)));
            }
            _ => {}
        }
    }
    Ok(None)
}

/// The lesson parameters of a fragment, written again in their own form (`lesson=…&step=N`).
pub fn params_in(fragment: &str) -> Option<String> {
    from_fragment(fragment)
        .ok()
        .flatten()
        .map(|(l, step)| fragment_params(&l, step))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_round_trip_in_links() {
        let built_in = LessonRef::BuiltIn("abac".into());
        let f = fragment_params(&built_in, 2);
        assert_eq!(f, "lesson=abac&step=3");
        assert_eq!(
            from_fragment(&format!("#p1=x&{f}&m=world")),
            Ok(Some((built_in, 2)))
        );
        let own = LessonRef::Text("{\"Lesson\": 1, \"Title\": \"é\"}".into());
        let f = fragment_params(&own, 0);
        assert!(f.starts_with("lesson1=") && f.ends_with("&step=1"));
        assert_eq!(from_fragment(&f), Ok(Some((own, 0))));
        assert_eq!(from_fragment("#p1=abc"), Ok(None));
        assert_eq!(
            params_in("#p1=abc&lesson=mfa&step=2&m=world").as_deref(),
            Some("lesson=mfa&step=2")
        );
        assert!(from_fragment("#lesson1=@@@").is_err());
        assert!(from_fragment("#lesson1=AAAA").is_err());
    }
}
