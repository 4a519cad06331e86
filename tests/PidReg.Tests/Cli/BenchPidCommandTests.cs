using System.CommandLine;
using System.Text.Json;
using PidReg.Cli.Commands;

namespace PidReg.Tests.Cli;

public class BenchPidCommandTests
{
    [Fact]
    public void BenchJsonListsEveryCaseWithAConvergedSolver()
    {
        var output = new StringWriter();
        int exit = BenchPidCommand.Create().Parse(["--repeats", "1", "--reference-repeats", "0", "--json"])
            .Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output.ToString());
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(["1,64,64", "1,8,8", "3,16,16", "3,64,64"], cases.Select(c => c.GetProperty("dims").GetString()));
        Assert.All(cases, c => Assert.True(c.GetProperty("solverConverged").GetBoolean()));
        Assert.Equal(JsonValueKind.Number, cases[0].GetProperty("closedFormMedianMs").ValueKind);
        Assert.Equal(JsonValueKind.Null, cases[3].GetProperty("closedFormMedianMs").ValueKind);
    }
}
