/// The seeded roles' principal keys: real Ed25519 keys from fixed seeds, so every start from the same seed
/// serves the same keys and fingerprints. The built-in roles carry keys on real servers
/// (`Tests/RealPrivXCorpus/bat_roles_page_0.json`); a few curated roles get some too, one of them two
/// (a rotation in progress), so lists and fingerprints have something to show.
enum PrincipalKeySeed {
    /// Curated roles given keys, with how many.
    static let curated: [String: Int] = ["db-admins": 2, "break-glass": 1, "oncall-sre": 1]

    /// `{id, public_key}` lists by role id: the roles' own `principal_public_key_strings` (the built-ins),
    /// then the curated ones above.
    static func keys(roles: [String: SimulatorJSON]) -> [String: [SimulatorJSON]] {
        var keys: [String: [SimulatorJSON]] = [:]
        for (id, role) in roles {
            var rng = SplitMix64(seed: 0x9E1_0000 ^ UInt64(truncatingIfNeeded: id.hashValueStable))
            var list: [SimulatorJSON] = []
            for line in role["principal_public_key_strings"]?.arrayValue ?? [] {
                if let text = line.stringValue { list.append(["id": .string(rng.uuid()), "public_key": .string(text)]) }
            }
            if let name = role["name"]?.stringValue, let count = curated[name] {
                for _ in 0..<count { list.append(["id": .string(rng.uuid()), "public_key": .string(line(&rng))]) }
            }
            if !list.isEmpty { keys[id] = list }
        }
        return keys
    }

    /// A real Ed25519 public line whose private seed comes from `rng`.
    static func line(_ rng: inout SplitMix64) -> String {
        var seed: [UInt8] = []
        for _ in 0..<4 {
            let word = rng.next()
            for shift in stride(from: 56, through: 0, by: -8) { seed.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        // 32 bytes always make an Ed25519 key; the fallback is unreachable but keeps seeding total.
        return (try? PrincipalKeyMaterial.ed25519Line(seed: seed)) ?? PrincipalKeyMaterial.ed25519Line(publicKey: seed)
    }
}

private extension String {
    /// FNV-1a of the UTF-8 bytes: stable across runs, unlike `hashValue`.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
