import PrivXAPI

/// An AWS role as the AWS roles table shows it, computed once when the data arrives.
public struct AWSRoleRow: CatalogRow {
    /// The AWS role itself.
    public let awsRole: AWSRole
    public let id: String
    public let cells: [String]
    public let search: SearchKey
    /// The account number from the ARN.
    public let account: String
    /// The IAM path from the ARN (`/` when none).
    public let path: String
    /// True when the latest scan did not find it in AWS.
    public let isMissing: Bool
    /// Ids of the PrivX roles that grant it (a role's detail pane lists its AWS roles from these
    /// without decoding 10 000 AWS role documents on every frame).
    public let mappedRoleIDs: [String]

    /// The table's columns.
    public static let columnTitles = ["Name", "Account", "Path", "Status", "Mapped PrivX roles"]
    /// The `key:` fields the AWS filter knows.
    public static let filterFields: Set<String> = ["status", "account", "role", "path", "name"]

    /// Builds the row; a MISSING role says so in words.
    public init(awsRole: AWSRole) {
        self.awsRole = awsRole
        id = awsRole.id
        let parts = Self.parseARN(awsRole.arn)
        account = parts.account
        path = parts.path
        let status = (awsRole.status ?? "OK").uppercased()
        isMissing = status == "MISSING"
        let refs = awsRole.roles
        mappedRoleIDs = refs.map(\.id)
        let mapped = refs.map(\.name)
        cells = [awsRole.name, account, path, isMissing ? "MISSING" : status,
                 mapped.isEmpty ? "–" : mapped.joined(separator: ", ")]
        search = SearchKey(text: [awsRole.name, awsRole.arn, awsRole.description ?? ""] + mapped, fields: [
            "status": [status], "account": [account], "role": mapped, "path": [path], "name": [awsRole.name],
        ])
    }

    /// The mapped-roles column sorts by how many roles are mapped, the others by text.
    public func sortValue(_ column: Int) -> SortValue {
        column == 4 ? .number(awsRole.roles.count) : .text(column < cells.count ? cells[column].lowercased() : "")
    }

    /// `arn:aws:iam::123456789012:role/ops/admin` → account `123456789012`, path `/ops/`.
    static func parseARN(_ arn: String) -> (account: String, path: String) {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6 else { return ("?", "/") }
        let account = String(fields[4])
        var resource = String(fields[5])
        if resource.hasPrefix("role/") { resource.removeFirst(5) }
        guard let slash = resource.lastIndex(of: "/") else { return (account, "/") }
        return (account, "/" + resource[..<slash] + "/")
    }
}

