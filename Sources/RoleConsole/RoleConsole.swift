import TerminalUI
import PrivXAPI

/// The console application: state, messages, update and screens.
public enum RoleConsoleInfo {
    public static let name = "privx-roles"
}
