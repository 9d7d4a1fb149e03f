import Hummingbird

/// A local PrivX role-store and auth server, used by `--demo` and by the tests.
public enum RoleStoreSimulatorInfo {
    public static let name = "privx-rolestore-sim"
}
