namespace Monolith.Documents.Contracts;
