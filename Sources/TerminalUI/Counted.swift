/// "1 error", "2 errors", "0 errors": a count with its noun in the right number, so no screen says
/// `1 errors` or falls back to `error(s)`.
///
/// - Parameters:
///   - count: how many.
///   - singular: the noun for one ("error", "rule").
///   - plural: the noun for any other count; `singular + "s"` when nil.
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
}
