namespace Monolith.Prospect.Contracts;
