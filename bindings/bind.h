// Declarations of the per-component binding functions that module.cpp calls in order.
#pragma once

#include <nanobind/nanobind.h>

namespace miditok::bindings {

/// The stub signature of every bound `__eq__`: it takes any object (one of another type compares
/// unequal: nanobind returns NotImplemented for an operator whose argument does not convert).
inline constexpr const char* kEqSignature = "def __eq__(self, other: object, /) -> bool";

void bind_core(nanobind::module_& m);
void bind_score(nanobind::module_& m);
void bind_midi(nanobind::module_& m);
void bind_attribute_controls(nanobind::module_& m);
void bind_augmentation(nanobind::module_& m);
void bind_models(nanobind::module_& m);
void bind_preprocess(nanobind::module_& m);
void bind_data(nanobind::module_& m);
void bind_config(nanobind::module_& m);
void bind_tokenizer(nanobind::module_& m);
void bind_training(nanobind::module_& m);
void bind_multi_voc(nanobind::module_& m);
void bind_token_files(nanobind::module_& m);
void bind_packed_ids(nanobind::module_& m);
void bind_pianoroll(nanobind::module_& m);
void bind_token_store(nanobind::module_& m);

}  // namespace miditok::bindings
