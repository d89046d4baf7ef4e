using Autodiff.Benchmarks;
using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project Benchmarks -- --filter '*'
// The tape's memory figures (no timing): dotnet run -c Release --project Benchmarks -- memory
if (args is ["memory"])
    MemoryReport.Run();
else
    BenchmarkSwitcher.FromAssembly(typeof(TestFunctions).Assembly).Run(args);
