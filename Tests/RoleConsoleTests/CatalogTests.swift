import Foundation
import PrivXAPI
@testable import RoleConsole
import Testing

/// The catalog's fast paths (byte matching, narrowing, remembered results, rank sorting) must give
/// exactly what a plain scan and a plain sort give.
@Suite struct CatalogTests {
    /// A row with generated text, so results can be compared with a brute-force answer.
    struct TestRow: CatalogRow {
        let id: String
        let cells: [String]
        let search: SearchKey
        let words: [String]
        let tags: [String]
        let number: Int

        init(_ index: Int) {
            let names = ["linux-ops", "Linux-Admins", "db-readonly", "ops-oncall", "Évora-ÜBER", "web", "lin", "x"]
            let name = names[index % names.count] + "-\(index % 13)"
            let comment = index % 3 == 0 ? "Reads the LINUX fleet" : "database access"
            tags = index % 4 == 0 ? ["prod", "eu"] : index % 4 == 1 ? ["preprod"] : []
            id = "row-\(index)"
            words = [name, comment] + tags
            number = (index * 7919) % 11
            cells = [name, String(number), tags.joined(separator: ",")]
            search = SearchKey(text: words, fields: ["tag": tags, "name": [name]])
        }

        func sortValue(_ column: Int) -> SortValue {
            column == 1 ? .number(number) : .text(cells[column].lowercased())
        }
    }

    static let rows = (0..<300).map(TestRow.init)

    /// What the filter means, computed the slow way with Swift strings.
    func bruteForce(_ text: String) -> [Int] {
        let query = FilterQuery(text, fields: ["tag", "name"])
        return Self.rows.indices.filter { index in
            let row = Self.rows[index]
            return query.terms.allSatisfy { term in
                let hit: Bool
                if let field = term.field {
                    let values = (field == "tag" ? row.tags : [row.cells[0]]).map { $0.lowercased() }
                    hit = term.value.isEmpty ? !values.isEmpty : values.contains { $0.hasPrefix(term.value) }
                } else {
                    hit = row.words.map { $0.lowercased() }.joined(separator: "\u{1F}").contains(term.value)
                }
                return hit != term.negated
            }
        }
    }

    @Test func typingAndErasingGivesWhatAFullScanGives() {
        var catalog = Catalog<TestRow>(fields: ["tag", "name"])
        catalog.replace(Self.rows)
        let typed = ["l", "li", "lin", "linu", "linux", "linux ", "linux t", "linux tag:", "linux tag:p", "linux tag:pr",
                     "linux tag:pr !", "linux tag:pr !e", "linux tag:pr !eu", "linux tag:pr !e", "linux", "lin", "l", "",
                     "évora", "ÉVORA-ü", "!x", "!x-", "name:web", "fleet database", "LINUX-ADMINS"]
        for text in typed {
            catalog.setFilter(text)
            #expect(catalog.view == bruteForce(text), "filter \(text)")
        }
    }

    @Test func narrowingOnlyWhenEveryNewMatchAlsoMatchedBefore() {
        let fields: Set<String> = ["tag"]
        func narrows(_ new: String, _ old: String) -> Bool { FilterQuery(new, fields: fields).narrows(FilterQuery(old, fields: fields)) }
        #expect(narrows("linu", "lin"))
        #expect(narrows("lin ops", "lin"))
        #expect(narrows("tag:pro", "tag:"))
        #expect(narrows("!lin", "!lin"))
        #expect(!narrows("!linu", "!lin"))          // a longer negated word lets more rows through
        #expect(!narrows("lin", "linu"))
        #expect(!narrows("tag:", "tag"))            // free text became a field term
        #expect(!narrows("ops", "lin"))
    }

    @Test func sortingByRanksMatchesAPlainSortInBothDirections() {
        var catalog = Catalog<TestRow>(fields: ["tag", "name"])
        catalog.replace(Self.rows)
        catalog.setFilter("lin")
        for column in 0..<3 {
            for ascending in [true, false] {
                catalog.setSort(column: column, ascending: ascending)
                let expected = bruteForce("lin").sorted { a, b in
                    let ka = Self.rows[a].sortValue(column), kb = Self.rows[b].sortValue(column)
                    if ka == kb { return a < b }
                    return ascending ? ka < kb : kb < ka
                }
                #expect(catalog.view == expected, "column \(column) ascending \(ascending)")
            }
        }
        catalog.setFilter("")
        #expect(catalog.view.count == Self.rows.count)
        catalog.setSort(column: nil, ascending: true)
        #expect(catalog.view == Array(Self.rows.indices))
    }

    /// Pages landing one by one (rows appended while a filter and a sort are active) must leave exactly
    /// the view that replacing with every row at once gives, after every page.
    @Test func appendingPagesGivesWhatReplacingGives() {
        let settings: [(filter: String, column: Int?, ascending: Bool)] = [
            ("", nil, true), ("lin", nil, true), ("", 0, true), ("linux tag:pr", 0, false), ("", 1, true), ("!x", 2, false), ("db", 1, false),
        ]
        for setting in settings {
            var streamed = Catalog<TestRow>(fields: ["tag", "name"])
            streamed.replace(Array(Self.rows.prefix(70)))
            streamed.setSort(column: setting.column, ascending: setting.ascending)
            // An earlier query is remembered too: erasing back to it after more pages must see the new rows.
            streamed.setFilter("l")
            streamed.setFilter(setting.filter)
            for start in stride(from: 0, to: Self.rows.count, by: 70) {
                let page = Array(Self.rows[start..<min(start + 70, Self.rows.count)])
                if start > 0 { streamed.append(page) }
                var whole = Catalog<TestRow>(fields: ["tag", "name"])
                whole.replace(Array(Self.rows.prefix(start + page.count)))
                whole.setFilter(setting.filter)
                whole.setSort(column: setting.column, ascending: setting.ascending)
                #expect(streamed.view == whole.view, "\(setting) after \(start + page.count) rows")
                #expect(streamed.position(of: Self.rows[start].id) == whole.position(of: Self.rows[start].id))
            }
            streamed.setFilter("l")
            var whole = Catalog<TestRow>(fields: ["tag", "name"])
            whole.replace(Self.rows)
            whole.setSort(column: setting.column, ascending: setting.ascending)
            whole.setFilter("l")
            #expect(streamed.view == whole.view, "remembered query after every page, \(setting)")
        }
    }

    @Test func appendingSkipsRowsAlreadyPresent() {
        var catalog = Catalog<TestRow>(fields: ["tag"])
        catalog.replace(Array(Self.rows.prefix(10)))
        catalog.append(Array(Self.rows[5..<20]))
        #expect(catalog.rows.map(\.id) == Self.rows.prefix(20).map(\.id))
    }

    @Test func replacingRowsForgetsRememberedResults() {
        var catalog = Catalog<TestRow>(fields: ["tag"])
        catalog.replace(Self.rows)
        catalog.setFilter("web")
        let before = catalog.view.count
        catalog.replace(Array(Self.rows.prefix(10)))
        #expect(catalog.view == Array(Self.rows.prefix(10).indices).filter { Self.rows[$0].cells[0].hasPrefix("web") })
        catalog.setFilter("we")
        catalog.setFilter("web")
        #expect(catalog.view.count < before)
    }

    @Test func byteSearchFindsAnywhereAndNeverPastTheEnd() {
        func contains(_ hay: String, _ needle: String) -> Bool {
            Array(hay.utf8).withUnsafeBufferPointer { h in Array(needle.utf8).withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
        }
        #expect(contains("linux-admins", "linux"))
        #expect(contains("linux-admins", "mins"))
        #expect(contains("aaab", "aab"))
        #expect(contains("anything", ""))
        #expect(!contains("admi", "admin"))
        #expect(!contains("", "a"))
        #expect(contains("évora", "vor"))
    }

    @Test func searchKeysLowerCaseAndKeepFieldsApart() {
        let key = SearchKey(text: ["Linux-ADMINS", "Über"], fields: ["tag": ["Prod", ""], "perm": [], "ctx": ["on"]])
        #expect(key.textContains(Array("linux-admins".utf8)))
        #expect(key.textContains(Array("über".utf8)))
        #expect(!key.textContains(Array("adminsü".utf8)))     // parts are separated
        #expect(key.fieldMatches(Array("tag".utf8), prefix: Array("pro".utf8)))
        #expect(key.fieldMatches(Array("tag".utf8), prefix: []))
        #expect(!key.fieldMatches(Array("perm".utf8), prefix: []))
        #expect(!key.fieldMatches(Array("ta".utf8), prefix: []))
        #expect(!key.fieldMatches(Array("ctx".utf8), prefix: Array("off".utf8)))
        #expect(key.fieldMatches(Array("ctx".utf8), prefix: Array("on".utf8)))
    }
}

@Suite struct SortRankTests {
    @Test func ranksOrderNumbersBeforeTextAndShareRanksForEqualValues() {
        let keys: [SortValue] = [.text("b"), .number(3), .text("a"), .text("ab"), .number(-1), .text("b"), .text("é"), .text("z"), .number(3)]
        let (rank, distinct) = Catalog<CatalogTests.TestRow>.ranks(of: keys)
        #expect(distinct == 7)
        #expect(rank == [4, 1, 2, 3, 0, 4, 6, 5, 1])
        // The same order as comparing the values themselves.
        for i in keys.indices {
            for j in keys.indices {
                #expect((rank[i] < rank[j]) == (keys[i] < keys[j]), "\(keys[i]) vs \(keys[j])")
            }
        }
    }
}
