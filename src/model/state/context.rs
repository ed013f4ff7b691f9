//! The request form's context: the engine's context entries it describes, and the keys the
//! result pane adds ("Add to context") or takes out ("Remove from context").

use iam_engine::{ContextEntry, ContextKeyType};

use crate::model::state::request_form::{non_empty, RequestForm, TagKind, Tri};

impl RequestForm {
    /// The context entries the form describes, typed editors first, then free-form entries.
    pub fn context_entries(&self) -> Vec<ContextEntry> {
        let mut out = Vec::new();
        let mut push = |key: String, values: Vec<String>, t: ContextKeyType| {
            out.push(ContextEntry {
                key,
                values,
                key_type: Some(t),
            });
        };
        for (kind, rows) in [
            (TagKind::Principal, &self.principal_tags),
            (TagKind::Resource, &self.resource_tags),
            (TagKind::Request, &self.request_tags),
        ] {
            for row in rows.iter().filter(|r| !r.key.trim().is_empty()) {
                push(
                    format!("{}{}", kind.prefix(), row.key.trim()),
                    vec![row.value.clone()],
                    ContextKeyType::String,
                );
            }
        }
        let tag_keys: Vec<String> = self
            .request_tags
            .iter()
            .filter_map(|r| non_empty(&r.key))
            .collect();
        if !tag_keys.is_empty() {
            push("aws:TagKeys".into(), tag_keys, ContextKeyType::StringList);
        }
        if let Some(ip) = non_empty(&self.source_ip) {
            push("aws:SourceIp".into(), vec![ip], ContextKeyType::Ip);
        }
        if let Some(v) = self.mfa_present.value() {
            push(
                "aws:MultiFactorAuthPresent".into(),
                vec![v.into()],
                ContextKeyType::Boolean,
            );
        }
        if let Some(age) = self.mfa_age {
            push(
                "aws:MultiFactorAuthAge".into(),
                vec![age.to_string()],
                ContextKeyType::Numeric,
            );
        }
        if let Some(v) = self.secure_transport.value() {
            push(
                "aws:SecureTransport".into(),
                vec![v.into()],
                ContextKeyType::Boolean,
            );
        }
        if let Some(r) = non_empty(&self.requested_region) {
            push(
                "aws:RequestedRegion".into(),
                vec![r],
                ContextKeyType::String,
            );
        }
        for e in self.extra.iter().filter(|e| !e.key.trim().is_empty()) {
            out.push(ContextEntry {
                key: e.key.trim().to_string(),
                values: e
                    .values
                    .split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect(),
                key_type: ContextKeyType::parse(e.key_type.trim()),
            });
        }
        out
    }

    /// Put a key the evaluation missed into the context: the typed editor that feeds it gets a
    /// sample value (tag tables a row with an empty value); any other key a free-form entry to
    /// fill in.
    pub fn add_context_key(&mut self, key: &str, now_epoch_seconds: i64) {
        let lower = key.to_ascii_lowercase();
        for kind in [TagKind::Principal, TagKind::Resource, TagKind::Request] {
            let prefix = kind.prefix().to_ascii_lowercase();
            if let Some(tag) = lower.strip_prefix(&prefix) {
                let original = key.get(key.len() - tag.len()..).unwrap_or(tag);
                self.add_tag(kind, original, "");
                return;
            }
        }
        match lower.as_str() {
            "aws:sourceip" => self.source_ip = "192.0.2.10".into(),
            "aws:multifactorauthpresent" => self.mfa_present = Tri::True,
            "aws:multifactorauthage" => self.mfa_age = Some(0),
            "aws:securetransport" => self.secure_transport = Tri::True,
            "aws:requestedregion" => self.requested_region = "us-east-1".into(),
            "aws:currenttime" | "aws:epochtime" => self.current_time = Some(now_epoch_seconds),
            "aws:tagkeys" => self.add_tag(TagKind::Request, "", ""),
            _ => self.add_free(key, "", ""),
        }
    }

    /// Take a key out of the context (for keys no policy refers to).
    pub fn remove_context_key(&mut self, key: &str) {
        let lower = key.to_ascii_lowercase();
        for kind in [TagKind::Principal, TagKind::Resource, TagKind::Request] {
            let prefix = kind.prefix().to_ascii_lowercase();
            if let Some(tag) = lower.strip_prefix(&prefix) {
                self.tags_mut(kind)
                    .retain(|r| r.key.trim().to_ascii_lowercase() != tag);
            }
        }
        match lower.as_str() {
            "aws:sourceip" => self.source_ip.clear(),
            "aws:multifactorauthpresent" => self.mfa_present = Tri::Absent,
            "aws:multifactorauthage" => self.mfa_age = None,
            "aws:securetransport" => self.secure_transport = Tri::Absent,
            "aws:requestedregion" => self.requested_region.clear(),
            "aws:tagkeys" => self.request_tags.clear(),
            _ => {}
        }
        self.extra
            .retain(|e| e.key.trim().to_ascii_lowercase() != lower);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::AppState;

    fn keys(entries: &[ContextEntry]) -> Vec<(&str, Vec<&str>)> {
        entries
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.values.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn request_tags_also_give_tag_keys() {
        let mut f = AppState::default().request;
        f.principal_tags.clear();
        f.resource_tags.clear();
        f.source_ip.clear();
        f.mfa_age = None;
        f.add_tag(TagKind::Request, "team", "ops");
        f.add_tag(TagKind::Request, " cost ", "1");
        f.add_tag(TagKind::Request, "", "ignored");
        f.secure_transport = Tri::False;
        f.add_free("s3:prefix", "stringList", "a/, b/ ,");
        let e = f.context_entries();
        assert_eq!(
            keys(&e),
            [
                ("aws:RequestTag/team", vec!["ops"]),
                ("aws:RequestTag/cost", vec!["1"]),
                ("aws:TagKeys", vec!["team", "cost"]),
                ("aws:SecureTransport", vec!["false"]),
                ("s3:prefix", vec!["a/", "b/"]),
            ]
        );
        assert_eq!(e[4].key_type, Some(ContextKeyType::StringList));
    }

    #[test]
    fn missing_keys_go_to_the_editor_that_feeds_them() {
        let mut f = AppState::default().request;
        f.add_context_key("aws:ResourceTag/Project", 0);
        assert!(f
            .resource_tags
            .iter()
            .any(|r| r.key == "Project" && r.value.is_empty()));
        f.source_ip.clear();
        f.add_context_key("aws:SourceIp", 0);
        assert_eq!(f.source_ip, "192.0.2.10");
        f.add_context_key("aws:CurrentTime", 1_700_000_000);
        assert_eq!(f.current_time, Some(1_700_000_000));
        f.add_context_key("ec2:InstanceType", 0);
        assert_eq!(f.extra.last().unwrap().key, "ec2:InstanceType");
        f.remove_context_key("EC2:instancetype");
        assert!(f.extra.is_empty());
        f.remove_context_key("aws:resourcetag/project");
        assert!(!f.resource_tags.iter().any(|r| r.key == "Project"));
        f.remove_context_key("aws:MultiFactorAuthAge");
        assert_eq!(f.mfa_age, None);
    }
}
