import LegalCircleCLI

@main
enum Entrypoint {
    static func main() async {
        await LegalCircleCommand.run()
    }
}
