/// The PrivX role-store client: wire models, the `RoleStoreAPI` protocol and its HTTP implementation.
public enum PrivXAPIInfo {
    /// The role-store API prefix every call goes under.
    public static let roleStorePrefix = "/role-store/api/v1"
}
