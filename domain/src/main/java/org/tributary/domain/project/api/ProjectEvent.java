package org.tributary.domain.project.api;

import org.tributary.domain.shared.ProjectScoped;

/**
 * What happens to a project: its graph (nodes, links, data layers, parameters, node files), its secrets, its members
 * and its API keys.
 */
public sealed interface ProjectEvent extends ProjectScoped
        permits ProjectCreated, ProjectExecutorSet, NodeCreated, NodeRenamed, NodeContainerChanged, NodeMoved,
        NodeExecutorChanged, NodeDeleted, NodeParametersDefined, ParameterValuesSet, NodeFilePut, NodeFileDeleted,
        LinkCreated, LinkDeleted, DataLayerCreated, NodeActivityChanged, ProjectSecretSet, ProjectSecretDeleted,
        ProjectMemberSet, ProjectMemberRemoved, ApiKeyCreated, ApiKeyRevoked, NodeProcessingChanged,
        PackagesProcessingRequested, NodeJobsRerunRequested, ProjectSwitched, DataLayerUpdated,
        DataLayerDeleted, ProjectDeleted {
}
