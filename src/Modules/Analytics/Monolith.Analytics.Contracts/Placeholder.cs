namespace Monolith.Analytics.Contracts;
