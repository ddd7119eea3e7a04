namespace Monolith.Supplier.Contracts;
