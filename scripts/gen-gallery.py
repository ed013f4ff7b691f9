# Writes src/features/teach/gallery.json (the curated gallery); verify with iam-sim, see src/features/teach/gallery.rs tests.
import json, os
A="111122223333"; B="444455556666"
def pol(*stmts): return json.dumps({"Version":"2012-10-17","Statement":list(stmts)}, indent=2)
def ctx(k,v,t): return {"ContextKeyName":k,"ContextKeyValues":v if isinstance(v,list) else [v],"ContextKeyType":t}
G=[]
def add(id,title,expl,scen,expected):
    G.append({"id":id,"title":title,"explanation":expl,"expected":[{"action":a,"resource":r,"decision":d} for a,r,d in expected],"scenario":scen})
inst=f"arn:aws:ec2:us-east-1:{A}:instance/i-0abcd1234efgh5678"
add("abac-tags","ABAC with tags",
 "Attribute-based access control: one policy lets people start and stop only the instances whose team tag equals their own team tag. Change the resource tag to see StartInstances denied; TerminateInstances is not granted at all.",
 {"PolicyInputList":[pol({"Sid":"SameTeamInstances","Effect":"Allow","Action":["ec2:StartInstances","ec2:StopInstances"],"Resource":f"arn:aws:ec2:*:{A}:instance/*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}})],
  "ActionNames":["ec2:StartInstances","ec2:TerminateInstances"],"ResourceArns":[inst],"CallerArn":f"arn:aws:iam::{A}:user/alice",
  "ContextEntries":[ctx("aws:PrincipalTag/team","eng","string"),ctx("aws:ResourceTag/team","eng","string")]},
 [("ec2:StartInstances",inst,"allowed"),("ec2:TerminateInstances",inst,"implicitDeny")])
obj="arn:aws:s3:::finance-reports/2026/q1.csv"
add("mfa-age","MFA age",
 "Reading is always allowed, but deleting needs a recent MFA sign-in: aws:MultiFactorAuthAge (seconds since MFA) must be under one hour. The request signed in with MFA two hours ago, so DeleteObject is denied. Set the MFA age below 3600 to allow it.",
 {"PolicyInputList":[pol({"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::finance-reports/*"},
   {"Sid":"DeleteWithRecentMfa","Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::finance-reports/*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}})],
  "ActionNames":["s3:GetObject","s3:DeleteObject"],"ResourceArns":[obj],"CallerArn":f"arn:aws:iam::{A}:user/alice",
  "ContextEntries":[ctx("aws:MultiFactorAuthPresent","true","boolean"),ctx("aws:MultiFactorAuthAge","7200","numeric")]},
 [("s3:GetObject",obj,"allowed"),("s3:DeleteObject",obj,"implicitDeny")])
add("source-ip","Source IP ranges",
 "An explicit Deny with NotIpAddress blocks every call that does not come from the office ranges, whatever else allows it. The request comes from 198.51.100.7, outside both ranges: explicit deny. Try 192.0.2.10.",
 {"PolicyInputList":[pol({"Sid":"AllowS3","Effect":"Allow","Action":"s3:*","Resource":"*"},
   {"Sid":"DenyOutsideOffice","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:db8::/32"]}}})],
  "ActionNames":["s3:GetObject","s3:ListBucket"],"ResourceArns":["*"],"CallerArn":f"arn:aws:iam::{A}:user/alice",
  "ContextEntries":[ctx("aws:SourceIp","198.51.100.7","ip")]},
 [("s3:GetObject","*","explicitDeny"),("s3:ListBucket","*","explicitDeny")])
add("scp-region","SCP region guardrail",
 "A service control policy denies every action outside eu-west-1 and eu-central-1, except global services (IAM, STS, Organizations) named in NotAction. The administrator's identity policy allows everything, yet RunInstances in us-east-1 is denied by the SCP; CreateUser is global and passes.",
 {"PolicyInputList":[pol({"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"})],
  "ServiceControlPolicyInputList":[pol({"Sid":"FullAWSAccess","Effect":"Allow","Action":"*","Resource":"*"},
   {"Sid":"DenyOutsideEU","Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}})],
  "ActionNames":["ec2:RunInstances","iam:CreateUser"],"ResourceArns":["*"],"CallerArn":f"arn:aws:iam::{A}:role/Admin",
  "ContextEntries":[ctx("aws:RequestedRegion","us-east-1","string")]},
 [("ec2:RunInstances","*","explicitDeny"),("iam:CreateUser","*","allowed")])
pb=f"arn:aws:iam::{A}:policy/DevBoundary"
add("boundary-delegation","Permissions-boundary delegation",
 "A developer may create roles only with the DevBoundary permissions boundary attached (iam:PermissionsBoundary). The developer's own boundary caps them too: the identity policy allows DynamoDB, but the boundary does not, so GetItem is denied.",
 {"PolicyInputList":[pol({"Sid":"CreateRolesWithBoundary","Effect":"Allow","Action":"iam:CreateRole","Resource":f"arn:aws:iam::{A}:role/app/*","Condition":{"StringEquals":{"iam:PermissionsBoundary":pb}}},
   {"Sid":"Data","Effect":"Allow","Action":["s3:GetObject","dynamodb:GetItem"],"Resource":"*"})],
  "PermissionsBoundaryPolicyInputList":[pol({"Sid":"Ceiling","Effect":"Allow","Action":["iam:CreateRole","s3:GetObject"],"Resource":"*"})],
  "ActionNames":["iam:CreateRole","dynamodb:GetItem"],"ResourceArns":[f"arn:aws:iam::{A}:role/app/worker"],"CallerArn":f"arn:aws:iam::{A}:user/dev",
  "ContextEntries":[ctx("iam:PermissionsBoundary",pb,"string")]},
 [("iam:CreateRole",f"arn:aws:iam::{A}:role/app/worker","allowed"),("dynamodb:GetItem",f"arn:aws:iam::{A}:role/app/worker","implicitDeny")])
so="arn:aws:s3:::shared-data/exports/today.csv"
add("cross-account-bucket","Cross-account bucket",
 f"Bob in account {B} reads a bucket owned by {A}. Across accounts both sides must allow: Bob's identity policy allows s3:GetObject and s3:PutObject, the bucket policy trusts his account for GetObject only, so PutObject is denied.",
 {"PolicyInputList":[pol({"Sid":"UsePartnerBucket","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::shared-data/*"})],
  "ResourcePolicy":pol({"Sid":"PartnerReads","Effect":"Allow","Principal":{"AWS":f"arn:aws:iam::{B}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-data/*"}),
  "ResourceOwner":f"arn:aws:iam::{A}:root",
  "ActionNames":["s3:GetObject","s3:PutObject"],"ResourceArns":[so],"CallerArn":f"arn:aws:iam::{B}:user/bob"},
 [("s3:GetObject",so,"allowed"),("s3:PutObject",so,"implicitDeny")])
role=f"arn:aws:iam::{A}:role/AuditRole"
add("trust-external-id","Trust policy with ExternalId",
 f"A vendor in account {B} assumes an audit role in {A}. The role's trust policy requires the agreed sts:ExternalId (the confused-deputy guard). The request carries the right one, so AssumeRole is allowed; TagSession is not in the trust policy. Change the ExternalId to see it fail.",
 {"PolicyInputList":[pol({"Sid":"AssumeCustomerRole","Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":role})],
  "ResourcePolicy":pol({"Sid":"VendorWithExternalId","Effect":"Allow","Principal":{"AWS":f"arn:aws:iam::{B}:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unicorn-7741"}}}),
  "ActionNames":["sts:AssumeRole","sts:TagSession"],"ResourceArns":[role],"CallerArn":f"arn:aws:iam::{B}:role/VendorScanner",
  "ContextEntries":[ctx("sts:ExternalId","Unicorn-7741","string")]},
 [("sts:AssumeRole",role,"allowed"),("sts:TagSession",role,"implicitDeny")])
rep="arn:aws:s3:::reports/2026/summary.pdf"
add("session-scope-down","Session-policy scope-down",
 "The role allows all of S3, but the session was started with a session policy that allows only reading reports. A session gets the intersection of the role's policies and the session policy: GetObject is allowed, PutObject is not.",
 {"PolicyInputList":[pol({"Sid":"AllS3","Effect":"Allow","Action":"s3:*","Resource":"*"})],
  "SessionPolicyInputList":[pol({"Sid":"ReadReportsOnly","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"})],
  "ActionNames":["s3:GetObject","s3:PutObject"],"ResourceArns":[rep],"CallerArn":f"arn:aws:sts::{A}:assumed-role/Analyst/alice"},
 [("s3:GetObject",rep,"allowed"),("s3:PutObject",rep,"implicitDeny")])
add("notaction-pitfall","The NotAction pitfall",
 "Meant as \"everything but IAM\", an Allow with NotAction grants every other action in every service, including TerminateInstances. It does not deny IAM either: it just does not grant it. Use an explicit Deny when you mean deny.",
 {"PolicyInputList":[pol({"Sid":"EverythingButIam","Effect":"Allow","NotAction":"iam:*","Resource":"*"})],
  "ActionNames":["ec2:TerminateInstances","iam:CreateUser"],"ResourceArns":["*"],"CallerArn":f"arn:aws:iam::{A}:user/intern"},
 [("ec2:TerminateInstances","*","allowed"),("iam:CreateUser","*","implicitDeny")])
add("forallvalues-empty","ForAllValues on an empty set",
 "ForAllValues:StringEquals is true when every request tag key is in the list, and also when the request has no tag keys at all. This request sends no tags, so CreateTags is allowed although the author meant to require team and project tags. Add a Null condition on aws:TagKeys to close the gap.",
 {"PolicyInputList":[pol({"Sid":"OnlyApprovedTagKeys","Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","project"]}}})],
  "ActionNames":["ec2:CreateTags","ec2:DeleteTags"],"ResourceArns":["*"],"CallerArn":f"arn:aws:iam::{A}:user/alice"},
 [("ec2:CreateTags","*","allowed"),("ec2:DeleteTags","*","implicitDeny")])
ha="arn:aws:s3:::home-bucket/home/alice/notes.txt"; hb="arn:aws:s3:::home-bucket/home/bob/notes.txt"
add("home-folder-variables","Home folders with policy variables",
 "One policy for every user: ${aws:username} becomes the caller's user name, so alice may read and write under home/alice/ and nowhere else. The request reads her own file and bob's.",
 {"PolicyInputList":[pol({"Sid":"OwnHomeFolder","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::home-bucket/home/${aws:username}/*"})],
  "ActionNames":["s3:GetObject"],"ResourceArns":[ha,hb],"CallerArn":f"arn:aws:iam::{A}:user/alice"},
 [("s3:GetObject",ha,"allowed"),("s3:GetObject",hb,"implicitDeny")])
key=f"arn:aws:kms:us-east-1:{A}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
add("kms-key-policy","KMS key policy",
 "A KMS key's policy must allow access explicitly. This key policy delegates to the account (\"enable IAM policies\"), so the role's identity policy decides: Decrypt is allowed, ScheduleKeyDeletion is not granted.",
 {"PolicyInputList":[pol({"Sid":"UseTheKey","Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt"],"Resource":key})],
  "ResourcePolicy":pol({"Sid":"EnableIamPolicies","Effect":"Allow","Principal":{"AWS":f"arn:aws:iam::{A}:root"},"Action":"kms:*","Resource":"*"}),
  "ActionNames":["kms:Decrypt","kms:ScheduleKeyDeletion"],"ResourceArns":[key],"CallerArn":f"arn:aws:iam::{A}:role/AppServer"},
 [("kms:Decrypt",key,"allowed"),("kms:ScheduleKeyDeletion",key,"implicitDeny")])
corp="arn:aws:s3:::example-corp-data/reports/q1.csv"; pub="arn:aws:s3:::noaa-ghcn-pds/csv/2026.csv"
add("vpc-endpoint-company-buckets","VPC endpoint: only the company's buckets",
 "The administrator may do anything, yet reading a public dataset fails. The request travels through an S3 gateway endpoint (vpce-1a2b3c4d) whose endpoint policy allows only the company's buckets: an endpoint policy never grants, but a request through the endpoint also needs its Allow, so the admin is implicitly denied on any other bucket. Open the VPC endpoint tab and add the dataset's bucket to see it pass, or clear the endpoint ID and the policy to leave the VPC.",
 {"PolicyInputList":[pol({"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"})],
  "VpcEndpointPolicyInputList":[pol({"Sid":"CompanyBucketsOnly","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::example-corp-*","arn:aws:s3:::example-corp-*/*"]})],
  "VpcEndpointId":"vpce-1a2b3c4d","VpcId":"vpc-111bbb22",
  "ActionNames":["s3:GetObject"],"ResourceArns":[corp,pub],"CallerArn":f"arn:aws:iam::{A}:user/admin"},
 [("s3:GetObject",corp,"allowed"),("s3:GetObject",pub,"implicitDeny")])
json.dump(G, open("src/features/teach/gallery.json","w"), indent=1)
os.makedirs("/tmp/gal",exist_ok=True)
for g in G:
    json.dump(g["scenario"], open(f"/tmp/gal/{g['id']}.json","w"), indent=1)
print(len(G))
