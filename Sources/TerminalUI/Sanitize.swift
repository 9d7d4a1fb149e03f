/// Makes untrusted text (server data, file names, user input) inert before layout: no control
/// character, escape sequence, bidi override or invisible character can reach the terminal.
///
/// - C0 controls, DEL and C1 controls become visible Control Pictures (`␀`…`␟`, `␡`) or `�`.
/// - A whole escape sequence (CSI, OSC, DCS, SOS, PM, APC, or a two-byte ESC x) becomes one `␛`.
/// - Bidi embeddings/overrides/isolates and invisible format characters (zero-width space, joiner and
///   non-joiner, word joiner, BOM, Mongolian vowel separator, tag characters) become a visible `¤`: a
///   zero-width joiner would otherwise glue emoji into one glyph that terminals draw narrower than
///   `wcwidth` counts (tmux 3.3 draws 👩‍👩‍👧‍👦 in 2 columns, `wcwidth` says 8), leaving stale cells.
/// - Newlines are kept only when `keepNewlines` is true (paragraphs); tabs become one space.
public func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
    if TextWidth.isPlainASCII(text) { return text }
    var out = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
        let scalar = scalars[index]
        let value = scalar.value
        if value == 0x1B || value == 0x9B || value == 0x9D || value == 0x90 || value == 0x98 || value == 0x9E || value == 0x9F {
            index = endOfEscapeSequence(scalars, start: index)
            out.append("\u{241B}")
            continue
        }
        switch value {
        case 0x0A where keepNewlines:
            out.append(scalar)
        case 0x09:
            out.append(" ")
        case 0x0D where keepNewlines && index + 1 < scalars.count && scalars[index + 1].value == 0x0A:
            break
        case 0x00..<0x20:
            out.append(Unicode.Scalar(0x2400 + value) ?? "\u{FFFD}")
        case 0x7F:
            out.append("\u{2421}")
        case 0x80..<0xA0:
            out.append("\u{FFFD}")
        case _ where isInvisibleFormat(value):
            out.append("\u{00A4}")
        default:
            out.append(scalar)
        }
        index += 1
    }
    return String(out)
}

/// True for a scalar `sanitize` never passes through as itself (C0, DEL, C1, bidi controls, invisible
/// format characters): writers of text that must stay exact, such as JSON, escape exactly these.
public func isTerminalUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || isInvisibleFormat(value)
}

/// Bidi controls and zero-width or invisible format characters (Unicode `Cf` that draw nothing).
private func isInvisibleFormat(_ value: UInt32) -> Bool {
    switch value {
    case 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB,
         0xE0000...0xE007F:
        return true
    default:
        return false
    }
}

/// Returns the index just past the escape sequence that starts at `start`.
private func endOfEscapeSequence(_ scalars: [Unicode.Scalar], start: Int) -> Int {
    let first = scalars[start].value
    var index = start + 1
    var kind: UInt32 = first
    if first == 0x1B {
        guard index < scalars.count else { return index }
        let next = scalars[index].value
        switch next {
        case 0x5B: kind = 0x9B          // ESC [  → CSI
        case 0x5D: kind = 0x9D          // ESC ]  → OSC
        case 0x50: kind = 0x90          // ESC P  → DCS
        case 0x58, 0x5E, 0x5F: kind = 0x98 // ESC X, ESC ^, ESC _ → string
        default:
            // Two-byte escape (ESC c, ESC 7, ...) or intermediates then a final byte.
            while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
            return min(scalars.count, index + 1)
        }
        index += 1
    }
    if kind == 0x9B {
        // Parameters and intermediates, then one final byte 0x40–0x7E.
        while index < scalars.count {
            let value = scalars[index].value
            index += 1
            if (0x40...0x7E).contains(value) || value < 0x20 || value > 0x7E { break }
        }
        return index
    }
    // OSC, DCS and string commands run to BEL, ST (ESC \) or C1 ST.
    while index < scalars.count {
        let value = scalars[index].value
        if value == 0x07 || value == 0x9C { return index + 1 }
        if value == 0x1B {
            if index + 1 < scalars.count, scalars[index + 1].value == 0x5C { return index + 2 }
            return index
        }
        index += 1
    }
    return index
}
