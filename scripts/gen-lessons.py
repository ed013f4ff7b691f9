#!/usr/bin/env python3
"""Writes lessons/*.json: the five seed tutorials as guided lessons (README, "Writing a lesson").

Each step is a case of the conformance corpus (crates/engine/tests/cases/world_*.json): its World
and Request are copied from the case, its answers are the case's documented decisions, and the
texts (title, text, question, explanation) are written here in our own words. A step's World is
written only when it differs from the lesson's. The app's host test (src/features/world/lesson
tests) checks every answer against the engine and against the case it names.

Run from the repository root: python3 scripts/gen-lessons.py
"""
import json
import os

CASES = "crates/engine/tests/cases"
OUT = "lessons"


def cases(file):
    with open(os.path.join(CASES, file)) as f:
        return {c["name"]: c for c in json.load(f)["cases"]}


def answers(scenario, expect):
    req = scenario["Request"]
    resources = req.get("ResourceArns") or ["*"]
    pairs = [(a, r) for a in req["ActionNames"] for r in resources]
    assert len(pairs) == len(expect), (pairs, expect)
    return [{"Action": a, "Resource": r, "Decision": e["decision"]} for (a, r), e in zip(pairs, expect)]


def lesson(file, id, title, source, intro, steps):
    by_name = cases(file)
    chosen = [(by_name[s["case"]], s) for s in steps]
    # The lesson's World: the one most steps use.
    worlds = {}
    for c, _ in chosen:
        k = json.dumps(c["scenario"]["World"], sort_keys=True)
        worlds[k] = worlds.get(k, 0) + 1
    base_key = max(worlds, key=worlds.get)
    base = next(c["scenario"]["World"] for c, _ in chosen if json.dumps(c["scenario"]["World"], sort_keys=True) == base_key)
    out_steps = []
    for c, s in chosen:
        sc = c["scenario"]
        step = {"Title": s["title"], "Text": s["text"], "Question": s["question"]}
        if json.dumps(sc["World"], sort_keys=True) != base_key:
            step["World"] = sc["World"]
        step["Request"] = sc["Request"]
        step["Answers"] = answers(sc, c["expect"])
        step["Explanation"] = s["explanation"]
        step["Case"] = f"{file}#{c['name']}"
        out_steps.append(step)
    doc = {"Lesson": 1, "Id": id, "Title": title, "Source": source, "Intro": intro, "World": base, "Steps": out_steps}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{id}.json"), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


lesson(
    "world_abac_tutorial.json", "abac", "ABAC: principal tags meet resource tags",
    "IAM User Guide — IAM tutorial: Define permissions to access AWS resources based on tags",
    "Five people work on two projects (Pegasus and Unicorn, later Centaur) in two teams (engineering and quality assurance). "
    "Nobody gets a policy that names a project or a team. Instead every user, role and secret carries the tags access-project, access-team and cost-center, "
    "and one policy compares the caller's tags with the tags of what it touches. Change a tag and access follows; nobody edits a policy.",
    [
        dict(case="Step 4: Arnav switches to access-peg-engineering",
             title="Arnav takes his team's role",
             text="Arnav is tagged peg / eng / 987654. His only policy lets him assume a role whose name starts with access- when the role's three tags equal his own. "
                  "The role access-peg-engineering is tagged peg / eng / 987654 as well, and its trust policy trusts the whole account.",
             question="Arnav assumes access-peg-engineering and lists the secrets. Is the listing allowed?",
             explanation="Both checks of the hop pass: the trust policy trusts the account, and Arnav's policy allows sts:AssumeRole because iam:ResourceTag/* of the role equals his aws:PrincipalTag/*. "
                         "As the role he may list secrets: the statement AllResourcesSecretsManagerNoTags allows ListSecrets on every resource."),
        dict(case="Step 4: Arnav cannot switch to access-uni-engineering",
             title="The wrong project's role",
             text="The same Arnav now tries the role of the Unicorn engineers, access-uni-engineering (tagged uni / eng / 123456).",
             question="Can Arnav assume access-uni-engineering and list the secrets?",
             explanation="The team tag matches (eng), but access-project (uni vs peg) and cost-center (123456 vs 987654) do not, so the condition of his assume-role policy is false. "
                         "Nothing else allows the call: the hop is an implicit deny and the request is never made."),
        dict(case="Step 4: Mary switches to access-peg-quality-assurance but not to access-peg-engineering",
             title="Mary and the engineers' role",
             text="Mary works on Pegasus too, but in quality assurance: peg / qas / 987654. She tries the engineers' role access-peg-engineering.",
             question="Mary assumes access-peg-engineering: can she list the secrets?",
             explanation="One tag is enough to fail: the role's access-team is eng, Mary's is qas. The hop is denied, so no request is made as the role. "
                         "Switch the caller back to Arnav (one click in the request builder) to see the same chain allowed."),
        dict(case="Step 4 table: create secret as access-peg-engineering with peg qas 987654",
             title="Creating a secret for another team",
             text="As access-peg-engineering, Arnav creates a new secret and tags it peg / qas / 987654, as if it belonged to the QA team.",
             question="Is CreateSecret allowed with these tags?",
             explanation="AllActionsSecretsManagerSameProjectSameTeam needs the secret's tags and the tags in the request to equal the role's tags. "
                         "aws:RequestTag/access-team is qas while ${aws:PrincipalTag/access-team} is eng, so the statement does not apply; no other statement allows CreateSecret."),
        dict(case="Step 4 table: create secret as access-peg-engineering with peg eng 987654 Name=Jane",
             title="The right tags, plus a name",
             text="Now the new secret gets the role's own tags peg / eng / 987654, and also the optional tag Name=Jane.",
             question="Is CreateSecret allowed now?",
             explanation="Every tag matches, and the extra key Name is one of the five tag keys the policy allows (ForAllValues:StringEquals on aws:TagKeys)."),
        dict(case="Step 4 table: create secret as access-peg-engineering with peg eng 987654 owner=Jane",
             title="An unexpected tag key",
             text="Same request, but the extra tag is owner=Jane instead of Name=Jane.",
             question="Is CreateSecret allowed with the owner tag?",
             explanation="ForAllValues:StringEquals on aws:TagKeys requires every tag key of the request to be in the list access-project, access-team, cost-center, Name, OwnedBy. "
                         "owner is not, so the only statement that could allow CreateSecret does not apply."),
        dict(case="Step 5 table: access-peg-engineering views the four secrets",
             title="Reading across projects",
             text="There are four secrets, one per project and team. As access-peg-engineering, Arnav opens the details of each one.",
             question="Which of the four secrets can access-peg-engineering describe?",
             explanation="ReadSecretsManagerSameTeam allows Describe*, Get* and List* when only the team tag matches. The engineers read both engineering secrets, Pegasus and Unicorn, and neither QA secret."),
        dict(case="Step 2: removing access-* tags is explicitly denied even on an own secret",
             title="Removing a tag that grants access",
             text="Arnav tries to remove the access-team tag from his own team's secret (UntagResource with aws:TagKeys = access-team).",
             question="Is UntagResource allowed?",
             explanation="The role's policy allows every Secrets Manager action on a secret with matching tags, but DenyUntagSecretsManagerReservedTags denies removing any key that starts with access-. "
                         "An explicit Deny always wins, so the tags that grant access cannot be taken off."),
        dict(case="Step 6: Nikhil switches to access-cen-engineering and creates a Centaur engineering secret",
             title="A new project without a new policy",
             text="A third project, Centaur, starts. The administrator adds the user Nikhil (cen / eng / 101010) and a role access-cen-engineering with the same tags, and reuses the same two policies.",
             question="Nikhil assumes access-cen-engineering and creates a secret tagged cen / eng / 101010. Allowed?",
             explanation="Nothing in any policy names Centaur: the tags alone decide. This is why ABAC scales — new people and projects need tags, not new policies."),
        dict(case="Step 6: Saanvi with access-assume-specific-roles assumes access-cen-engineering",
             title="Naming roles instead of matching tags",
             text="For Saanvi (uni / eng / 123456) the administrator replaces the tag-matching assume-role policy with one that names two roles: access-peg-engineering and access-cen-engineering. "
                  "This step's World has that change.",
             question="Can Saanvi assume access-cen-engineering, whose tags are not hers?",
             explanation="Her new policy names the role ARN, with no tag condition, so the hop is allowed. Once she is the role, the role's tags (cen / eng / 101010) are her principal tags, not her user tags."),
    ])

lesson(
    "world_saml_tags.json", "saml-session-tags", "SAML session tags for ABAC",
    "IAM User Guide — IAM tutorial: Use SAML session tags for ABAC",
    "The ABAC tutorial again, without IAM users: people sign in at the company's identity provider, and the SAML assertion passes their project, team and cost center as session tags. "
    "One role, access-session-tags, serves everybody; its permissions compare the session tags with the secrets' tags.",
    [
        dict(case="Step 3A: QA identities can assume the role",
             title="A QA engineer signs in",
             text="The assertion of a Unicorn QA engineer carries access-project=uni, access-team=qas, cost-center=123456. The trust policy allows sts:AssumeRoleWithSAML and sts:TagSession from ExampleCorpProvider when the three tags are present and access-team is eng or qas.",
             question="Does the federated session get created, so that ListSecrets is allowed?",
             explanation="The three session tags are present and qas is one of the two allowed teams, so the trust policy allows both actions. ListSecrets is then allowed for every secret."),
        dict(case="Step 3A: access-team outside eng/qas cannot assume the role",
             title="Another department",
             text="Someone from operations signs in: access-team=ops.",
             question="Can this identity assume access-session-tags?",
             explanation="The trust policy's StringEquals on aws:RequestTag/access-team lists only eng and qas. Trust policies must allow explicitly, so the federation fails."),
        dict(case="Step 3A: all three session tags must be present",
             title="A missing attribute",
             text="The identity provider forgets the cost-center attribute: the assertion passes only access-project and access-team.",
             question="Can the session be created without cost-center?",
             explanation="The trust policy asks for aws:RequestTag/cost-center with StringLike \"*\": a key that is absent matches nothing, so the condition is false and the call is denied."),
        dict(case="Step 3A: without sts:TagSession in the trust policy the tagged federation fails",
             title="Forgetting sts:TagSession",
             text="In this step's World the trust policy allows sts:AssumeRoleWithSAML only. The assertion still passes the three tags.",
             question="Is the tagged SAML sign-in allowed?",
             explanation="Passing session tags is a second action, sts:TagSession, which the role's trust policy must allow too. Without it the whole call is denied."),
        dict(case="Step 4: SAML identity peg/eng/987654 federates and creates test-access-peg-eng",
             title="Creating a secret with session tags",
             text="A Pegasus engineer (peg / eng / 987654) signs in and creates a secret tagged with the same three values, plus Name=Jane.",
             question="Is CreateSecret allowed?",
             explanation="Session tags become the session's principal tags, so ${aws:PrincipalTag/access-team} is eng here. The secret's tags equal them, and Name is an allowed extra key."),
        dict(case="Step 4: the SAML session cannot create a secret for another team",
             title="Another team's secret",
             text="The same engineer creates a secret tagged for the QA team (peg / qas / 987654).",
             question="Is CreateSecret allowed for the QA team's secret?",
             explanation="The request's access-team tag (qas) differs from the session's (eng): the tag-matching statement does not apply and nothing else allows the call."),
        dict(case="Step 5: SAML peg/eng session views the four secrets",
             title="Which secrets can the session read?",
             text="The Pegasus engineer opens the details of the four team secrets.",
             question="Which of the four secrets can this session describe?",
             explanation="Reading needs only the team tag to match: both engineering secrets, neither QA secret."),
        dict(case="A transitive SAML session tag reaches the next role in the chain",
             title="A tag that travels along",
             text="The assertion marks access-project as transitive. The session then assumes a second role, access-reader, whose policy allows ListSecrets only when aws:PrincipalTag/access-project is peg.",
             question="After the second hop, is ListSecrets allowed?",
             explanation="Transitive session tags are copied into every later session of the role chain, so the access-reader session still has access-project=peg."),
        dict(case="A non-transitive SAML session tag does not reach the next role",
             title="A tag that stays behind",
             text="The same two hops, but the assertion marks no tag as transitive.",
             question="After the second hop, is ListSecrets allowed?",
             explanation="Without TransitiveTagKeys the tags stay on the first session. The access-reader session has no access-project tag, so its condition fails."),
    ])

lesson(
    "world_cross_account.json", "cross-account", "Cross-account access with a role",
    "IAM User Guide — IAM tutorial: Delegate access across AWS accounts using IAM roles",
    "Developers in the Development account must update the productionapp bucket in the Production account, and nothing else there. "
    "Production creates the role UpdateApp, trusts the Development account, and lets the role read and write that one bucket. "
    "In Development, the Developers group may assume the role; the Testers group is denied it.",
    [
        dict(case="David switches to UpdateApp and lists productionapp",
             title="David switches to the role",
             text="David, a developer, assumes UpdateApp in Production and lists the productionapp bucket.",
             question="Is listing productionapp allowed after the switch?",
             explanation="Both accounts agree on the hop: the role trusts the Development account, and the Developers group's power-user policy (everything but IAM, Organizations and Account) allows sts:AssumeRole. The role's own policy then allows ListBucket on the bucket."),
        dict(case="David updates productionapp with the role credentials",
             title="Updating the application",
             text="With the role's temporary credentials David uploads app.zip to productionapp.",
             question="Is PutObject allowed?",
             explanation="The role's policy allows GetObject, PutObject and DeleteObject on objects of productionapp. The role lives in Production, so this is a same-account request there."),
        dict(case="David in the role cannot work with other Production resources",
             title="Only the one bucket",
             text="Still as UpdateApp, David looks at another Production bucket, prod-logs.",
             question="Can David list prod-logs or read its object?",
             explanation="The role's policy names only productionapp. Nothing allows anything else, so every request elsewhere is an implicit deny."),
        dict(case="David cannot reach productionapp directly with his own credentials",
             title="Without the role",
             text="David skips the role and calls PutObject on productionapp with his own Development credentials. His power-user policy allows S3.",
             question="Is the upload allowed?",
             explanation="The bucket belongs to another account. Across accounts both sides must allow: his identity policy does, but productionapp has no bucket policy that trusts him. That is why access goes through the role."),
        dict(case="Jane (Testers) is explicitly denied the role",
             title="A tester tries the role",
             text="Jane is in the Testers group. Her power-user permissions would allow sts:AssumeRole, but the group has an inline policy that denies sts:AssumeRole on UpdateApp.",
             question="Can Jane switch to UpdateApp?",
             explanation="An explicit Deny in any policy wins over every Allow. The hop is an explicit deny and the request never happens."),
        dict(case="Jane could switch before the Testers deny was added",
             title="Before the deny",
             text="This step's World is the same without the Testers group's deny.",
             question="Can Jane switch to UpdateApp now?",
             explanation="PowerUserAccess allows every action outside IAM and Organizations, sts:AssumeRole included, and the role trusts her account. The tutorial adds the deny for exactly this reason."),
        dict(case="A user of an untrusted account cannot switch",
             title="A third account",
             text="A user of account 222222222222, whose own policy allows sts:AssumeRole on UpdateApp, tries the role.",
             question="Can this outsider switch to UpdateApp?",
             explanation="The trust policy names only the Development account. The role's side does not allow, so the outsider's own Allow is not enough."),
        dict(case="The Development root user cannot switch to the role",
             title="The root user",
             text="Someone signs in to Development as the account's root user and tries the role.",
             question="Can the root user of Development assume UpdateApp?",
             explanation="Roles are assumed by IAM users, roles or federated users; the root user cannot call AssumeRole."),
    ])

lesson(
    "world_mfa.json", "mfa", "MFA-protected API access",
    "IAM User Guide — Configuring MFA-protected API access (and its three scenarios)",
    "A condition on aws:MultiFactorAuthPresent or aws:MultiFactorAuthAge makes an action require a recent MFA sign-in. "
    "Whether a request carries these keys depends on how its credentials were obtained: long-term access keys carry none, GetSessionToken with MFA carries them, "
    "and AssumeRole uses MFA only to decide whether the role may be assumed.",
    [
        dict(case="Richard without MFA cannot assume CrossAccountRole",
             title="A trust policy that asks for MFA",
             text="Richard in account B uses his access key to assume CrossAccountRole in account A. The role's trust policy allows it only when aws:MultiFactorAuthPresent is true, and he passes no MFA code.",
             question="Can Richard assume the role and read the Books table?",
             explanation="Long-term access keys carry no MFA information, and the hop passes none: the Bool condition is false, so the trust policy does not allow the hop."),
        dict(case="Richard assumes CrossAccountRole with MFA and works on Books",
             title="With the MFA code",
             text="Richard calls AssumeRole again, this time with his MFA device and a current code.",
             question="As the role, can Richard get an item, put an item and list the tables?",
             explanation="The hop now carries MFA, so the trust policy allows it; the role's policy allows the table actions and ListTables."),
        dict(case="No further MFA checks after Richard has assumed the role",
             title="After the switch",
             text="Still as the role, Richard deletes an item. The role's permissions policy has no MFA condition.",
             question="Is DeleteItem allowed?",
             explanation="MFA decided only whether he could assume the role. The role session itself reports aws:MultiFactorAuthPresent=false, which matters only to policies that ask."),
        dict(case="Sofia's long-term access key cannot stop instances",
             title="Stopping instances with an access key",
             text="Sofia's policy allows StopInstances and TerminateInstances only with MFA. She calls them with her long-term access key.",
             question="Can Sofia stop or terminate the instance?",
             explanation="Long-term keys carry no aws:MultiFactorAuthPresent at all; a Bool condition on a missing key is false."),
        dict(case="Sofia stops and terminates instances with GetSessionToken MFA credentials",
             title="GetSessionToken with MFA",
             text="Sofia first calls GetSessionToken with her MFA device and code, then uses the temporary credentials.",
             question="Can Sofia stop and terminate the instance now?",
             explanation="GetSessionToken with MFA returns credentials that say MFA was used, so the condition is true for both actions."),
        dict(case="MFA age older than 3600 seconds",
             title="How recent is recent?",
             text="A policy allows StopInstances only when aws:MultiFactorAuthAge is below 3600 seconds. Sofia signed in with MFA two hours ago.",
             question="Is StopInstances allowed?",
             explanation="The key is present but 7200 is not less than 3600. She must authenticate with MFA again."),
        dict(case="GetSessionToken without MFA cannot call IAM APIs",
             title="IAM calls with session credentials",
             text="Sofia calls GetSessionToken without MFA and then lists the IAM users, which her policy allows.",
             question="Is iam:ListUsers allowed with these credentials?",
             explanation="Credentials from GetSessionToken can call IAM and STS only if MFA was passed when they were requested; her policy never gets a say."),
        dict(case="AssumeRole credentials do not satisfy the bucket's MFA condition",
             title="A bucket policy that asks for MFA",
             text="Account A's bucket trusts accounts B and C only with MFA. Nikhil in C assumes a role of his own account, passing his MFA code (the role's trust policy asks for it), and uploads with the role's credentials.",
             question="Is the upload allowed?",
             explanation="Credentials returned by AssumeRole do not carry MFA information, so the bucket policy's condition is false. The tutorial's way is GetSessionToken with MFA."),
        dict(case="Root user credentials cannot use MFA-protected API access",
             title="And the root user?",
             text="The root user of account C calls GetSessionToken with MFA and uploads to the same bucket.",
             question="Is the root user's upload allowed?",
             explanation="MFA-protected API access does not work with root user credentials: the bucket's MFA condition is not met."),
    ])

lesson(
    "world_boundaries.json", "boundaries", "Permissions boundaries: delegating safely",
    "IAM User Guide — Permissions boundaries for IAM entities (delegating responsibility to others)",
    "María, the administrator, lets Zhang create users — but only users capped by the boundary XCompanyBoundaries, "
    "and Zhang himself is capped by the boundary DelegatedUserBoundary. A boundary never grants anything: "
    "an action is allowed only when both the identity policy and the boundary allow it.",
    [
        dict(case="Zhang creates a user without a permissions boundary",
             title="A new user without a boundary",
             text="Zhang creates the user Nikhil2 and sets no permissions boundary.",
             question="Is iam:CreateUser allowed?",
             explanation="His boundary allows CreateUser only when iam:PermissionsBoundary is XCompanyBoundaries. The key is absent, so the boundary does not allow the call, whatever his identity policy says."),
        dict(case="Zhang creates a user with the XCompanyBoundaries boundary",
             title="The same user, with the boundary",
             text="Zhang tries again and sets XCompanyBoundaries as the new user's boundary.",
             question="Is iam:CreateUser allowed now?",
             explanation="Both sides allow: his identity policy allows iam:*, and the boundary's condition on iam:PermissionsBoundary is now true."),
        dict(case="Zhang cannot delete a permissions boundary",
             title="Taking a boundary off",
             text="Zhang tries to remove the boundary from Nikhil, and from himself.",
             question="Can Zhang delete either boundary?",
             explanation="His boundary has an explicit Deny for iam:DeleteUserPermissionsBoundary. An explicit deny in a boundary wins like any other."),
        dict(case="Zhang's IAM permissions are limited by his boundary",
             title="iam:* is not everything",
             text="Zhang's identity policy allows iam:*. He creates a role and puts an inline policy on it.",
             question="Are CreateRole and PutRolePolicy allowed?",
             explanation="His boundary lists only some IAM actions, and these two are not among them. The effective permissions are the intersection."),
        dict(case="Zhang's CloudWatch permissions are limited by his permissions policy",
             title="The other way round",
             text="His boundary allows all of CloudWatch; his identity policy allows five CloudWatch actions, GetDashboard among them but not PutDashboard.",
             question="Which of GetDashboard and PutDashboard are allowed?",
             explanation="Here the identity policy is the narrower side: a boundary that allows more grants nothing extra."),
        dict(case="Nikhil reads his buckets but never the logs bucket",
             title="Nikhil, capped by XCompanyBoundaries",
             text="Nikhil's identity policy allows S3 reads everywhere. His boundary allows reading too, but explicitly denies the logs bucket.",
             question="Can Nikhil list nikhil-reports? And the logs bucket?",
             explanation="nikhil-reports is allowed by both. For logs the boundary's DenyS3Logs applies: an explicit deny, even if someone later grants him ownership of that bucket."),
        dict(case="A resource-based policy cannot override the boundary's explicit deny",
             title="A resource policy against a Deny",
             text="An instance's resource-based policy allows Nikhil to stop it, but his boundary denies actions on that instance.",
             question="Can Nikhil stop the instance?",
             explanation="An explicit deny ends the evaluation before any Allow is looked at, resource-based ones included."),
        dict(case="A secret's resource-based policy naming Nikhil grants despite the boundary",
             title="A resource policy without a Deny",
             text="A secret's resource-based policy allows Nikhil to read it. Neither his identity policy nor his boundary allows Secrets Manager.",
             question="Can Nikhil get the secret's value?",
             explanation="Within one account, a resource-based policy that names the user grants on its own: permissions boundaries do not limit it, and nothing denies the call."),
    ])
