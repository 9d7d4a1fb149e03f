import Testing
import TerminalUI

@Suite struct KeyAndOptionsTests {
    @Test func controlCodesDecodeToNamedKeys() {
        #expect(Key.fromCharacter(9) == .tab)
        #expect(Key.fromCharacter(13) == .enter)
        #expect(Key.fromCharacter(10) == .enter)
        #expect(Key.fromCharacter(27) == .escape)
        #expect(Key.fromCharacter(127) == .backspace)
        #expect(Key.fromCharacter(1) == .ctrl("a"))
        #expect(Key.fromCharacter(23) == .ctrl("w"))
        #expect(Key.fromCharacter(0x904B) == .character("運"))
        #expect(Key.fromCharacter(0x1F680) == .character("🚀"))
        #expect(Key.fromCharacter(0x9B) == nil)
    }

    @Test func keyNamesAreHumanReadable() {
        #expect(Key.ctrl("k").name == "ctrl-k")
        #expect(Key.alt("b").name == "alt-b")
        #expect(Key.pageDown.name == "PgDn")
        #expect(Key.function(5).name == "F5")
        #expect(Key.character(" ").name == "Space")
    }

    @Test func optionsReadFlagsAndNO_COLOR() {
        let plain = TerminalOptions.from(arguments: [], environment: [:])
        #expect(plain == TerminalOptions())
        #expect(TerminalOptions.from(arguments: [], environment: ["NO_COLOR": "1"]).noColor)
        #expect(!TerminalOptions.from(arguments: [], environment: ["NO_COLOR": ""]).noColor)
        let all = TerminalOptions.from(arguments: ["--ascii", "--no-color", "--mouse"], environment: [:])
        #expect(all == TerminalOptions(ascii: true, noColor: true, mouse: true))
    }

    @Test func asciiGlyphsWhenTheUserLocaleIsNotUTF8OrForced() {
        let utf8 = LocaleSetup.Result(userLocaleIsUTF8: true, processLocaleIsUTF8: true)
        let c = LocaleSetup.Result(userLocaleIsUTF8: false, processLocaleIsUTF8: true)
        #expect(LocaleSetup.glyphs(for: utf8, options: TerminalOptions()) == .unicode)
        #expect(LocaleSetup.glyphs(for: utf8, options: TerminalOptions(ascii: true)) == .ascii)
        #expect(LocaleSetup.glyphs(for: c, options: TerminalOptions()) == .ascii)
    }

    @Test func colorCapabilityFromTerminfoAndNoColor() {
        #expect(ColorCapability.detect(colors: 256, noColor: false) == .colors256)
        #expect(ColorCapability.detect(colors: 16, noColor: false) == .sixteen)
        #expect(ColorCapability.detect(colors: 8, noColor: false) == .eight)
        #expect(ColorCapability.detect(colors: 0, noColor: false) == .monochrome)
        #expect(ColorCapability.detect(colors: 256, noColor: true) == .monochrome)
    }

    @Test func monochromeThemeUsesOnlyBoldReverseUnderline() {
        let theme = Theme(capability: .monochrome)
        for role in StyleRole.allCases {
            let resolved = theme.resolve(Style(role))
            #expect(resolved.foreground == nil && resolved.background == nil && !resolved.dim)
        }
        #expect(theme.resolve(.selection).reverse)
        #expect(theme.resolve(Style(.normal, emphasized: true)).underline)
    }

    @Test func colorThemesKeepTheTerminalBackgroundForText() {
        for capability in [ColorCapability.eight, .sixteen, .colors256] {
            let theme = Theme(capability: capability)
            for role in [StyleRole.normal, .muted, .header, .ok, .warning, .danger] {
                #expect(theme.resolve(Style(role)).background == nil)
            }
        }
    }

    @Test func startupErrorsSayWhatToDo() {
        #expect(TerminalStartupError.exitCode == 2)
        #expect(TerminalStartupError.notATerminal.description.contains("Run it directly in a terminal"))
        #expect(TerminalStartupError.dumbTerminal("dumb").description.contains("Set TERM"))
        #expect(TerminalStartupError.unknownTerminal("xterm-kitty").description.contains("xterm-kitty"))
    }
}
