Console.WriteLine("app package");
