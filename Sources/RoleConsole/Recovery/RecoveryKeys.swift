import TerminalUI

/// The recovery offer's own keys (it also answers y/n like any question).
enum RecoveryKeys {
    static let offer: [KeyEntry<ModalPlace>] = [
        KeyEntry([.character("r"), .character("R")], "r", "Restore the recovered edit into the form", group: "Question",
                 places: [.recoveryOffer], run: Console.restoreOffered),
        KeyEntry([.character("d"), .character("D")], "d", "Discard the recovered edit (delete the file)", group: "Question",
                 places: [.recoveryOffer], run: Console.discardOffered),
    ]
}
