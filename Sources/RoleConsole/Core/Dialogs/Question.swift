import TerminalUI

/// What a button of a question asks for; the feature that asked handles the answers its buttons carry.
public enum Answer: Sendable, Hashable {
    case yes, no, reload, overwrite, editAgain, restore, discard, later
}

/// What the dispatcher checks before a button that writes is pressed: the same read-only, permission and
/// 403 refusals as a key of a table (`KeyDispatcher.refusal`).
public struct ChoiceGuard: Sendable, Hashable {
    /// The permission the write needs (the contract's endpoint table, `shared/docs/role-store-api.md`).
    public var permission: String
    /// The action a 403 on it makes unavailable.
    public var needs: ActionID
    /// What the refusal calls it ("Saving").
    public var refusedAs: String
    /// Said after the refusal ("Your edits stay in the form.").
    public var keptNote: String = ""
}

/// One button of a question: the key that presses it (and aliases that do the same), its word on the button,
/// what it does in the question's text, and what the dispatcher checks before it runs.
public struct Choice: Sendable, Hashable {
    /// The key named on the button.
    public var key: Key
    /// Other keys that press it (upper case; Esc on the cancel or later button).
    public var aliases: [Key]
    /// The button's word ("Save", "Overwrite").
    public var label: String
    /// What it does, for the key line in the question's text ("reload the role and re-apply your edits").
    public var meaning: String
    /// What pressing it asks of the feature that asked.
    public var answer: Answer
    /// Drawn as a warning (it destroys something).
    public var dangerous: Bool
    /// Set when it writes: refused like a key of a table.
    public var guarding: ChoiceGuard?

    /// A button pressed by `key` (and its upper case), with `meaning` in the text.
    public init(_ key: Character, _ label: String, _ meaning: String, answer: Answer, dangerous: Bool = false, guarding: ChoiceGuard? = nil,
                escape: Bool = false) {
        self.key = .character(key)
        let upper = Character(String(key).uppercased())
        aliases = (upper == key ? [] : [.character(upper)]) + (escape ? [.escape] : [])
        self.label = label
        self.meaning = meaning
        self.answer = answer
        self.dangerous = dangerous
        self.guarding = guarding
    }

    /// A button pressed by a named key (Enter, Esc).
    public init(key: Key, _ label: String, _ meaning: String, answer: Answer, dangerous: Bool = false, guarding: ChoiceGuard? = nil) {
        self.key = key
        aliases = []
        self.label = label
        self.meaning = meaning
        self.answer = answer
        self.dangerous = dangerous
        self.guarding = guarding
    }

    /// "n" — the cancel button: n or Esc, nothing happens.
    public static func cancel(_ label: String, _ meaning: String, key: Character = "n") -> Choice {
        Choice(key, label, meaning, answer: .no, escape: true)
    }

    /// `[ n Cancel ]`, n or Esc: nothing happens, as `meaning` says.
    public static func cancel(_ meaning: String) -> Choice { cancel("Cancel", meaning) }

    /// Every key that presses it.
    public var keys: [Key] { [key] + aliases }

    /// Its keys as the text and the hint bar name them: "y", "n/Esc" (case aliases are not named).
    public var keyNames: String { ([key] + aliases.filter { $0 == .escape }).map(\.name).joined(separator: "/") }
}

/// A question of the console in one shape: a title, what will happen, and buttons named by their keys.
/// The buttons (`[ y Save ]`), the key line at the end of its text (`y save … · n/Esc back to the form`) and
/// the hint bar (`y save  n/Esc cancel  Tab move  Enter save`) are all made from `choices`, so they cannot
/// disagree. Tab/←/→ move between the buttons, Enter presses the highlighted one, Esc is the cancel or later
/// button. The default (highlighted when it opens) is the action the admin asked for, the first button,
/// except for irreversible ones (deletes, a revoke, writing over someone else's change), which open on the
/// safe choice.
public struct Question: Sendable, Hashable {
    /// Every question the console asks (tests iterate over them).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case saveEdit, createRole, formConflict, mergeConflict, externalEditFailed, deleteRuleGroup
        case applyMapping, applyGrants, mappingConflict, deleteAWSRole, deleteRole, deleteRoleTyped
        case quitWhileWriting, quitWithUnsavedEdits, revokeGrant, undo, recovery
        case generateKey, importKey, deleteKey, grantMembers
    }

    public var kind: Kind
    public var title: String
    /// What will happen and what will not (the key line is added from the choices).
    public var text: String
    /// The buttons, left to right; the first is the action asked for.
    public var choices: [Choice]
    /// Irreversible: the question opens on the safe choice (Esc's) instead of the first button.
    public var irreversible: Bool
    /// The text is drawn as a warning (a conflict).
    public var warning: Bool
    /// A name to type before the first button can be pressed (a delete that loses members or mappings).
    public var typedName: String?

    /// A question; `irreversible` makes the safe choice the default.
    public init(_ kind: Kind, title: String, text: String, choices: [Choice], irreversible: Bool = false, warning: Bool = false,
                typedName: String? = nil) {
        self.kind = kind
        self.title = title
        self.text = text
        self.choices = choices
        self.irreversible = irreversible
        self.warning = warning
        self.typedName = typedName
    }

    /// The button Esc presses: the one carrying Esc, else the last.
    public var escape: Int { choices.firstIndex { $0.keys.contains(.escape) } ?? max(0, choices.count - 1) }

    /// The button highlighted when the question opens: the action asked for, or the safe choice when irreversible.
    public var defaultChoice: Int { irreversible || typedName != nil ? escape : 0 }

    /// The key line at the end of the text: "y save the change · n/Esc back to the form".
    public var keyLine: String { choices.map { "\($0.keyNames) \($0.meaning)" }.joined(separator: " · ") }

    /// The text as drawn: what will happen, then the key line.
    public var message: String { text + "\n\n" + keyLine }

    /// The highlighted button for `focus`.
    public func focused(_ focus: QuestionFocus) -> Int {
        let index = focus.button ?? defaultChoice
        return choices.indices.contains(index) ? index : defaultChoice
    }

    /// True when the typed name matches (always true for a question without one).
    public func typedMatches(_ focus: QuestionFocus) -> Bool { typedName.map { focus.typed.text == sanitize($0) } ?? true }

    /// A key: the index of the button it presses, or nil (the focus moved, a letter was typed, or nothing happened).
    public func press(_ key: Key, _ focus: inout QuestionFocus) -> Int? {
        let count = choices.count
        guard count > 0 else { return nil }
        if typedName != nil {
            switch key {
            case .escape: return escape
            case .enter: return typedMatches(focus) ? 0 : nil
            default:
                _ = focus.typed.apply(key)
                focus.button = typedMatches(focus) ? 0 : nil
                return nil
            }
        }
        let current = focused(focus)
        switch key {
        case .tab, .right: focus.button = (current + 1) % count
        case .backTab, .left: focus.button = (current + count - 1) % count
        case .enter: return current
        default: return choices.firstIndex { $0.keys.contains(key) }
        }
        return nil
    }

    /// The hint bar: each button's keys and word, then Tab and what Enter presses now. `refusal` greys a button
    /// the dispatcher would refuse, with its short reason.
    public func hints(_ focus: QuestionFocus, refusal: (Choice) -> String? = { _ in nil }) -> [KeyHint] {
        let matches = typedMatches(focus)
        var hints = choices.enumerated().map { index, choice in
            let reason = refusal(choice) ?? (index == 0 && !matches ? "type the name first" : nil)
            return KeyHint(keys: choice.keys, item: ActionItem(keys: choice.keyNames, title: choice.label.lowercased(), enabled: reason == nil,
                                                               reason: reason, group: "Question"))
        }
        if typedName != nil {
            hints.insert(KeyHint(keys: [], item: ActionItem(keys: "type", title: "the name", group: "Question")), at: 0)
        } else if choices.count > 1 {
            hints.append(KeyHint(keys: [.tab, .backTab, .left, .right], item: ActionItem(keys: "Tab", title: "move", group: "Question")))
        }
        let pressed = choices[focused(focus)]
        if matches {
            hints.append(KeyHint(keys: [.enter], item: ActionItem(keys: "Enter", title: pressed.label.lowercased(), group: "Question")))
        }
        return hints
    }

    /// The box as drawn for `focus`.
    public func box(_ focus: QuestionFocus) -> QuestionBox {
        let matches = typedMatches(focus)
        let buttons = choices.enumerated().map { index, choice in
            DialogButton(keyName: choice.key.name, label: choice.label, dangerous: choice.dangerous, enabled: index != 0 || matches)
        }
        let prompt = typedName.map { "Type \u{201C}\(sanitize($0))\u{201D} to confirm:" }
        let highlighted = typedName == nil ? focused(focus) : matches ? 0 : nil
        return QuestionBox(title: title, message: text, buttons: buttons, focused: highlighted, style: warning ? .warning : .normal,
                           input: prompt.map { (prompt: $0, state: focus.typed) }, keyLine: keyLine)
    }
}

/// The highlighted button of an open question (nil: its default) and a typed name.
public struct QuestionFocus: Sendable, Equatable {
    /// The button Enter presses; nil until Tab or an arrow moved it (then the question's default).
    public var button: Int?
    /// The name typed so far (questions answered by typing a name).
    public var typed = TextInputState()

    /// A question as it opens: its default highlighted, nothing typed.
    public init() {}
}
