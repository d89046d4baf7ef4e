using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Autodiff.Benchmarks.TestFunctions).Assembly).Run(args);
