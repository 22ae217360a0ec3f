extension SiteSuggestion {
    /// The chosen sites as service points offering the requested kinds, ready to be added to the
    /// existing ones: a file candidate keeps its id, name and level; other sites are named
    /// "建议站点 N" (suggested site N) with id `NEWnnn`, level village. Ids never repeat an existing one.
    /// - Parameter existing: the service points the sites join (their ids are avoided).
    public func servicePoints(joining existing: [ServicePoint] = []) -> [ServicePoint] {
        var taken = Set(existing.map(\.id))
        return sites.map { site in
            let candidate = site.candidate
            var id = candidate.id ?? newSiteID(rank: site.rank)
            if taken.contains(id) {
                var attempt = 1
                while taken.contains("\(id)-new\(attempt)") { attempt += 1 }
                id = "\(id)-new\(attempt)"
            }
            taken.insert(id)
            return ServicePoint(
                id: id, name: candidate.name ?? "建议站点 \(site.rank)", kinds: parameters.kinds,
                level: candidate.level ?? .village, location: candidate.location, county: candidate.county)
        }
    }
}

/// `NEW001` for rank 1.
private func newSiteID(rank: Int) -> String {
    let digits = String(rank)
    return "NEW" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
}
