import Testing

@testable import reportsyncd_publish

/// `--database URL` as the publisher reads it: libpq's URL forms, its defaults, and what it refuses.
@Suite struct DatabaseURLTests {
    @Test func aUnixSocketIsNamedByItsFolder() throws {
        let url = try DatabaseURL("postgres://fleet@/reports?host=/run/postgresql")
        #expect(url.host == nil)
        #expect(url.socketFolder == "/run/postgresql")
        #expect(url.port == 5432)
        #expect(url.user == "fleet")
        #expect(url.database == "reports")
        #expect(url.description == "postgres://fleet@/reports?host=/run/postgresql&port=5432")
        let configuration = try url.configuration(password: "s3cret")
        #expect(configuration.unixSocketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(configuration.password == "s3cret")
    }

    @Test func aTCPHostWithPortAndSSLMode() throws {
        let url = try DatabaseURL("postgresql://fleet@db.example.org:6432/reports?sslmode=verify-full")
        #expect(url.host == "db.example.org")
        #expect(url.socketFolder == nil)
        #expect(url.port == 6432)
        #expect(url.sslMode == "verify-full")
        #expect(url.description == "postgres://fleet@db.example.org:6432/reports?sslmode=verify-full")
        let configuration = try url.configuration(password: nil)
        #expect(configuration.host == "db.example.org")
        #expect(configuration.port == 6432)
        #expect(configuration.tls.isEnforced)
    }

    @Test func defaultsWhenTheURLSaysLittle() throws {
        let url = try DatabaseURL("postgres://")
        #expect(url.host == "localhost")
        #expect(url.port == 5432)
        #expect(url.user == "reportsyncd")
        #expect(url.database == "reportsyncd")
        #expect(url.sslMode == "prefer")
        #expect(try url.configuration(password: nil).tls.isAllowed)
        #expect(try !url.configuration(password: nil).tls.isEnforced)
        #expect(try !DatabaseURL("postgres://localhost?sslmode=disable").configuration(password: nil).tls.isAllowed)
    }

    @Test func queryParametersNameTheParts() throws {
        let url = try DatabaseURL("postgres://ignored/x?host=db&port=7000&user=office&dbname=province")
        #expect(url.host == "db")
        #expect(url.port == 7000)
        #expect(url.user == "office")
        #expect(url.database == "province")
    }

    @Test(arguments: [
        ("postgres://fleet:s3cret@localhost/reports", "no password in the URL"),
        ("mysql://fleet@localhost/reports", "a URL postgres://"),
        ("postgres://fleet@localhost:0/reports", "a port from 1 to 65535"),
        ("postgres://fleet@localhost/reports?port=70000", "a port from 1 to 65535"),
        ("postgres://fleet@localhost/reports?sslmode=always", "sslmode one of"),
        ("postgres://fleet@localhost/reports?password=s3cret", "parameters host, port, user, dbname, sslmode"),
    ])
    func refusesWhatItCannotUse(text: String, expected: String) {
        let error = #expect(throws: PublishConfigurationError.self) { try DatabaseURL(text) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix("database = "))
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("s3cret"), "\(message)")
    }

    @Test func sslModeAllowTakesTLSWhenTheServerOffersIt() throws {
        let tls = try DatabaseURL("postgres://localhost?sslmode=allow").configuration(password: nil).tls
        #expect(tls.isAllowed)
        #expect(!tls.isEnforced)
    }
}
