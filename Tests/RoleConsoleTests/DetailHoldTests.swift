import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// The detail pane keeps its role while the selection moves and follows once it rests.
@Suite struct DetailHoldTests {
    func detailName(_ state: AppState) -> String? { state.detailRole?.role.name }

    @Test func theDetailPaneFollowsOnlyAfterTheSelectionRests() {
        var state = Fixtures.loadedState()
        let start = state.now
        #expect(detailName(state) == "privx-admin")
        Fixtures.press(&state, .down, .down)
        #expect(state.roles.list.selected?.role.name == "db-readonly")
        #expect(detailName(state) == "privx-admin")                   // still the row shown before the moves
        #expect(DetailContent.lines(state, width: 40).first?.plainText.contains("privx-admin") == true)
        _ = Console.update(&state, .tick(start + DetailHold.settleSeconds / 2))
        #expect(detailName(state) == "privx-admin")
        _ = Console.update(&state, .tick(start + DetailHold.settleSeconds + 0.01))
        #expect(detailName(state) == "db-readonly")
        #expect(state.roles.hold == nil)
    }

    @Test func anyOtherKeyLetsTheDetailPaneCatchUpAtOnce() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down)
        #expect(detailName(state) == "privx-admin")
        Fixtures.press(&state, .tab)
        #expect(state.focus == .detail)
        #expect(detailName(state) == "linux-admins")
    }

    @Test func theAWSRolesPaneIsHeldTheSameWay() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("2"))
        let first = state.detailAWSRole?.awsRole.name
        Fixtures.press(&state, .down)
        #expect(state.detailAWSRole?.awsRole.name == first)
        _ = Console.update(&state, .tick(state.now + 1))
        #expect(state.detailAWSRole?.awsRole.name == state.awsRoles.list.selected?.awsRole.name)
        #expect(state.detailAWSRole?.awsRole.name != first)
    }
}
