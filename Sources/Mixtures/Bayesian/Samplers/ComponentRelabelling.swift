/// Relabelling after sampling, the other cure for label switching: in every draw the
/// components are renumbered in increasing order of their first mean coordinate
/// `mu[k,1]`, and every per-component parameter (`w[k]`, `mu[k,d]`, `sigma[k,d]`,
/// `Sigma[k,i,j]` … — any name whose first index is the component) follows its component.
/// Parameters without a component index are left as they are.
extension MCMCDraws {
    /// The draws relabelled so that `mu[1,1] < mu[2,1] < … < mu[K,1]` in every draw.
    /// Returns the draws unchanged when there is no `mu[k,1]` for k = 1…K.
    public func relabelledByFirstMean(components k: Int) -> MCMCDraws {
        let keys = (1...max(k, 1)).compactMap { parameterNames.firstIndex(of: "mu[\($0),1]") }
        guard k >= 2, keys.count == k else { return self }
        // For each parameter: (its component 0-based, and the index of the same parameter of component c).
        let parsed = parameterNames.map(Self.componentIndex)
        var sibling = [[Int]?](repeating: nil, count: parameterNames.count)
        for (j, p) in parsed.enumerated() {
            guard let p, p.component < k else { continue }
            let others = (0..<k).map { c in parameterNames.firstIndex(of: "\(p.prefix)[\(c + 1)\(p.rest)]") }
            if others.allSatisfy({ $0 != nil }) { sibling[j] = others.map { $0! } }
        }
        var out = self
        for c in 0..<chainCount {
            for s in 0..<drawCount {
                let order = (0..<k).sorted { values[c][keys[$0]][s] < values[c][keys[$1]][s] }
                for (j, p) in parsed.enumerated() {
                    guard let p, let sib = sibling[j] else { continue }
                    out.values[c][j][s] = values[c][sib[order[p.component]]][s]
                }
            }
        }
        return out
    }

    /// "mu[2,1]" → ("mu", 1, ",1]" without the bracket: ",1"); nil without a leading integer index.
    static func componentIndex(_ name: String) -> (prefix: String, component: Int, rest: String)? {
        guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return nil }
        let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
        let first = inside.prefix { $0.isNumber }
        guard let index = Int(first), index >= 1 else { return nil }
        return (String(name[..<open]), index - 1, String(inside.dropFirst(first.count)))
    }
}
