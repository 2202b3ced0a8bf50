#pragma once

namespace session::visiting {

// Lambdas joined into one visitor for std::visit over a step's alternatives.
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace session::visiting
