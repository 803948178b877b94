# Seed 003: draining a node disrupts a pod (DisruptionTarget); the Ignore rule keeps it from counting
# against backoffLimit 0, and the Job still completes.
kubectl create -f job-pod-failure-policy-ignore.yaml
sim advance 10s
kubectl get pods -l job-name=job-pod-failure-policy-ignore -o wide
kubectl drain worker-1 --ignore-daemonsets --grace-period=0
sim advance 10s
kubectl get jobs -l job-name=job-pod-failure-policy-ignore -o jsonpath='{.items[0].status.failed}{"\n"}'
kubectl uncordon worker-1
sim advance 4m
kubectl get jobs -l job-name=job-pod-failure-policy-ignore
