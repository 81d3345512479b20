/// Table 2 of a record, in the shape of its edition: the JSON of `active` is the edition's own
/// object, with the keys of `docs/record.md` for that edition (`Record.edition` says which).
public enum ActiveTable: Codable, Sendable, Equatable {
    /// The 2021 template (国办公开办函〔2021〕30号).
    case edition2021(ActiveDisclosure)
    /// The 2019 trial format (国办公开办函〔2019〕60号).
    case trial2019(TrialActiveDisclosure)

    /// The table, when the record is in the 2021 edition.
    public var edition2021: ActiveDisclosure? {
        guard case .edition2021(let active) = self else { return nil }
        return active
    }

    /// The table, when the record is in the 2019 trial edition.
    public var trial2019: TrialActiveDisclosure? {
        guard case .trial2019(let active) = self else { return nil }
        return active
    }

    private enum TrialKeys: String, CodingKey {
        case procurement
    }

    /// Reads either edition's object: only the trial edition's has `procurement`.
    public init(from decoder: any Decoder) throws {
        if try decoder.container(keyedBy: TrialKeys.self).contains(.procurement) {
            self = .trial2019(try TrialActiveDisclosure(from: decoder))
        } else {
            self = .edition2021(try ActiveDisclosure(from: decoder))
        }
    }

    /// Writes the edition's object itself, without a wrapper.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .edition2021(let active): try active.encode(to: encoder)
        case .trial2019(let active): try active.encode(to: encoder)
        }
    }
}
