/// The fixed vocabulary the seed generator draws from: realistic names, groups, zones and accounts.
enum SeedCatalog {
    /// Curated role names; the small seed is exactly these plus the two built-in roles.
    static let curatedRoles: [String] = ["privx-admin", "privx-user"] + groupRoles
    static let groupRoles: [String] = [
        "linux-admins", "linux-operators", "windows-admins", "db-admins", "db-readonly", "db-backup-operators",
        "aws-prod-poweruser", "aws-prod-readonly", "aws-staging-admin", "aws-dev-developer", "aws-billing-viewer",
        "k8s-cluster-admins", "k8s-developers", "network-admins", "network-readonly", "security-auditors",
        "soc-analysts", "helpdesk", "vault-operators", "ci-deployers", "release-managers", "oncall-sre", "sre-leads",
        "data-scientists", "analytics-readonly", "finance-app-users", "hr-app-users", "contractors-limited",
        "vendor-support", "break-glass", "jump-host-users", "bastion-operators", "web-admins",
        "api-gateway-operators", "monitoring-viewers", "logging-admins", "backup-admins", "storage-admins",
        "dns-admins", "pki-operators", "identity-admins", "privx-auditors", "privx-operators", "workflow-approvers",
        "session-reviewers", "emea-support", "apac-support", "americas-support", "night-shift-ops",
        "weekend-oncall", "legacy-mainframe", "oracle-dba", "postgres-dba", "mysql-readonly", "redis-operators",
        "kafka-operators", "elastic-admins", "test-automation",
    ]

    /// Western given names: display form and ASCII form for principals.
    static let givenNames: [(String, String)] = [
        ("Aino", "aino"), ("Mikko", "mikko"), ("José", "jose"), ("Zoë", "zoe"), ("François", "francois"),
        ("Åsa", "asa"), ("Jürgen", "jurgen"), ("Søren", "soren"), ("Łukasz", "lukasz"), ("Chloé", "chloe"),
        ("Renée", "renee"), ("Björn", "bjorn"), ("Ingrid", "ingrid"), ("Priya", "priya"), ("Arjun", "arjun"),
        ("Fatima", "fatima"), ("Omar", "omar"), ("Olga", "olga"), ("Dmitri", "dmitri"), ("Grace", "grace"),
        ("Liam", "liam"), ("Noah", "noah"), ("Emma", "emma"), ("Olivia", "olivia"), ("Matti", "matti"),
        ("Sanna", "sanna"), ("Tomás", "tomas"), ("Inês", "ines"), ("Çağla", "cagla"), ("Nuñez", "nunez"),
        ("Kalle", "kalle"), ("Elin", "elin"), ("Jørgen", "jorgen"), ("Ana", "ana"), ("Marco", "marco"),
    ]
    static let familyNames: [(String, String)] = [
        ("Virtanen", "virtanen"), ("Korhonen", "korhonen"), ("Müller", "muller"), ("García", "garcia"),
        ("Lindström", "lindstrom"), ("Nørgaard", "norgaard"), ("Kowalski", "kowalski"), ("Dubois", "dubois"),
        ("Öztürk", "ozturk"), ("Smith", "smith"), ("Johnson", "johnson"), ("Nieminen", "nieminen"),
        ("Mäkelä", "makela"), ("Håkansson", "hakansson"), ("Šimić", "simic"), ("Novák", "novak"),
        ("Fernández", "fernandez"), ("Rossi", "rossi"), ("O'Brien", "obrien"), ("Patel", "patel"),
        ("Ivanova", "ivanova"), ("Kim", "kim"), ("Nguyễn", "nguyen"), ("Silva", "silva"), ("Łęcka", "lecka"),
    ]
    /// East Asian full names (family name first, no space) with their principals.
    static let eastAsianNames: [(full: String, given: String, ascii: String)] = [
        ("王伟", "伟", "wang.wei"), ("李娜", "娜", "li.na"), ("张敏", "敏", "zhang.min"),
        ("田中太郎", "太郎", "tanaka.taro"), ("佐藤花子", "花子", "sato.hanako"), ("김민준", "민준", "kim.minjun"),
        ("이서연", "서연", "lee.seoyeon"), ("陳美玲", "美玲", "chen.meiling"), ("山本健", "健", "yamamoto.ken"),
        ("劉洋", "洋", "liu.yang"), ("鈴木一郎", "一郎", "suzuki.ichiro"), ("박지훈", "지훈", "park.jihoon"),
    ]

    static let departments: [(name: String, titles: [String])] = [
        ("Engineering", ["Software Engineer", "Senior Engineer", "Staff Engineer"]),
        ("Operations", ["Site Reliability Engineer", "Systems Administrator", "Operations Lead"]),
        ("Database", ["Database Administrator", "Data Engineer"]),
        ("Security", ["Security Analyst", "Security Architect", "Auditor"]),
        ("Finance", ["Controller", "Financial Analyst"]),
        ("Support", ["Support Engineer", "Helpdesk Specialist"]),
        ("Data Science", ["Data Scientist", "ML Engineer"]),
    ]

    /// AD groups: one per curated non-built-in role, so mapping by group is natural.
    static func groupDN(_ group: String) -> String { "CN=\(group),OU=Groups,DC=example,DC=com" }

    /// AWS accounts the inventory spans.
    static let awsAccounts: [(id: String, label: String, region: String)] = [
        ("111122223333", "prod", "eu-west-1"), ("444455556666", "staging", "eu-north-1"),
        ("777788889999", "dev", "us-east-1"),
    ]
    /// IAM role names per account (path/name).
    static let awsRoleNames: [String] = [
        "PowerUserAccess", "ReadOnlyAccess", "AdministratorAccess", "ops/DatabaseAdmin", "ops/NetworkAdmin",
        "billing/BillingViewer", "ci/DeployRole", "security/SecurityAudit", "data/AnalyticsReader",
        "support/SupportUser", "k8s/EKSClusterAdmin",
    ]

    static let timeZones = ["Europe/Helsinki", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC",
                            "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]
    static let tagPool = ["prod", "staging", "dev", "linux", "windows", "database", "aws", "k8s", "network",
                          "security", "audit", "support", "finance", "oncall", "contractor", "legacy"]
    /// Permissions a curated role might carry (beyond the built-in admin).
    static let rolePermissionPool = ["hosts-view", "connections-view", "connections-manual", "connections-playback",
                                     "logs-view", "users-view", "vault-add", "workflows-requests", "requests-view",
                                     "roles-view", "sources-view", "role-target-resources-view",
                                     "certificates-view", "network-targets-view"]
}
