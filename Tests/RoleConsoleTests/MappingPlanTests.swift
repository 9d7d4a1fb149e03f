import PrivXAPI
import RoleConsole
import Testing

@Suite struct MappingPlanTests {
    let linux = RoleRef(id: "r-linux", name: "linux-admins")
    let db = RoleRef(id: "r-db", name: "db-readonly")
    let ops = RoleRef(id: "r-ops", name: "ops-oncall")

    @Test func summaryNamesAdditionsAndRemovals() {
        let plan = MappingPlan(awsRoleID: "a", awsRoleName: "aws-prod-admin", baseline: [db], add: [linux], remove: [db])
        #expect(plan.summary == "aws-prod-admin: +linux-admins \u{2212}db-readonly")
        #expect(MappingPlan(awsRoleID: "a", awsRoleName: "x", baseline: [], add: [], remove: []).summary == "x: no change")
    }

    @Test func resultAppliesOnTopOfTheCurrentSet() {
        let plan = MappingPlan(awsRoleID: "a", awsRoleName: "x", baseline: [db], add: [linux], remove: [db])
        #expect(plan.result(applyingTo: [db, ops]).map(\.id) == ["r-ops", "r-linux"])
        #expect(plan.result(applyingTo: [linux]).map(\.id) == ["r-linux"])
    }

    @Test func conflictIsDetectedAndDescribed() {
        let plan = MappingPlan(awsRoleID: "a", awsRoleName: "x", baseline: [db], add: [linux], remove: [])
        #expect(plan.isCurrent([db]))
        #expect(!plan.isCurrent([db, ops]))
        #expect(plan.drift(to: [ops]) == "x: +ops-oncall \u{2212}db-readonly")
    }

    @Test func grantOutcomesSayWhatHappenedPerAWSRole() {
        let target = GrantPlan.Target(awsRoleID: "a", awsRoleName: "aws-a", grant: false)
        #expect(GrantOutcome(target: target, result: .unchanged).line.contains("already so"))
        #expect(GrantOutcome(target: target, result: .failed("boom")).line.hasPrefix("FAILED"))
        #expect(GrantPlan(role: linux, targets: [target]).summary == "linux-admins: \u{2212}aws-a")
    }

    @Test func arnsSplitIntoAccountAndPath() {
        let aws = Fixtures.awsRoles.map(AWSRoleRow.init(awsRole:))
        #expect(aws[0].account == "123456789012" && aws[0].path == "/admin/")
        #expect(aws[1].path == "/")
        #expect(aws[2].cells[3] == "MISSING" && aws[2].path == "/legacy/ops/")
    }
}
